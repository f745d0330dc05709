terraform {
  # ephemeral resources and write-only attributes keep the database passwords out of the state
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }

  # Filled per environment: terraform init -backend-config=../envs/<env>/backend.hcl
  backend "s3" {}
}
