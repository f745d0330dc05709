terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.80, < 7.0"
    }
  }

  # State: configure a remote backend per account before the first apply, e.g.
  #   backend "s3" { bucket = "<state bucket>", key = "tact/prod.tfstate", region = "us-east-1", use_lockfile = true }
}
