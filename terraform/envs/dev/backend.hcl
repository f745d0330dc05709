# terraform -chdir=terraform/deploy init -backend-config=../envs/dev/backend.hcl
# The state bucket is made once per account, outside this configuration (versioning on, SSE).
bucket       = "tact-terraform-state-111111111111"
key          = "tact/dev.tfstate"
region       = "us-east-1"
encrypt      = true
use_lockfile = true # S3-native locking (Terraform >= 1.10); a DynamoDB table is no longer needed
