locals {
  # the region of resources.json unless overridden
  region = coalesce(var.region, jsondecode(file("${path.module}/../../../cloud/resources.json")).region)
}

provider "aws" {
  region = local.region

  default_tags {
    tags = {
      Project     = "tact"
      Environment = var.env
      ManagedBy   = "terraform"
    }
  }
}

module "tact" {
  source                  = "../../modules/stack"
  env                     = var.env
  region                  = local.region
  bucket_name_suffix      = var.bucket_name_suffix
  vpc_id                  = var.vpc_id
  subnet_ids              = var.subnet_ids
  alert_emails            = var.alert_emails
  alert_email_severities  = var.alert_email_severities
  payload_expiration_days = 7
  force_destroy_buckets   = true
  service_role_names      = var.service_role_names
  aurora = {
    enabled             = var.enable_aurora
    instance_count      = 1
    deletion_protection = false
  }
}
