# terraform -chdir=terraform/deploy init -backend-config=../envs/prod/backend.hcl
# The state bucket is made once per account, outside this configuration (versioning on, SSE).
bucket       = "tact-terraform-state-222222222222"
key          = "tact/prod.tfstate"
region       = "us-east-1"
encrypt      = true
use_lockfile = true # S3-native locking (Terraform >= 1.10)
# Older tooling that still needs a DynamoDB lock table:
# dynamodb_table = "tact-terraform-locks"
