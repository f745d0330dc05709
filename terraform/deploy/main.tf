# The one root configuration of every environment. An environment is only its values and its state:
#   terraform/envs/<env>/<env>.tfvars   what differs (sizes, flags, network, certificate)
#   terraform/envs/<env>/backend.hcl    where its state lives
# Usage (docs/infrastructure.md):
#   export TF_DATA_DIR=.terraform-<env>
#   terraform -chdir=terraform/deploy init -backend-config=../envs/<env>/backend.hcl
#   terraform -chdir=terraform/deploy plan -var-file=../envs/<env>/<env>.tfvars -var image_tag=<tag>
locals {
  # the region of resources.json unless overridden
  region = coalesce(var.region, jsondecode(file("${path.module}/../../cloud/resources.json")).region)
  default_tags = {
    Project     = "tact"
    Environment = var.env
    ManagedBy   = "terraform"
  }
}

provider "aws" {
  region = local.region
  default_tags {
    tags = local.default_tags
  }
}

# the DR region: backup copies, S3 replicas
provider "aws" {
  alias  = "dr"
  region = var.dr.region
  default_tags {
    tags = local.default_tags
  }
}

module "tact" {
  source = "../modules/stack"
  providers = {
    aws    = aws
    aws.dr = aws.dr
  }
  env                     = var.env
  region                  = local.region
  bucket_name_suffix      = var.bucket_name_suffix
  vpc_id                  = var.vpc_id
  subnet_ids              = var.subnet_ids
  create_vpc_endpoints    = var.create_vpc_endpoints
  interface_endpoints     = var.interface_endpoints
  load_balancer           = var.load_balancer
  kms                     = var.kms
  alert_emails            = var.alert_emails
  alert_email_severities  = var.alert_email_severities
  payload_expiration_days = var.payload_expiration_days
  force_destroy_buckets   = var.force_destroy_buckets
  aurora                  = var.aurora
  aurora_master_password  = var.aurora_master_password
  db_auth                 = var.db_auth
  services                = var.services
  oidc_issuer             = var.oidc_issuer
  oidc_audience           = var.oidc_audience
  oidc_roles_claim        = var.oidc_roles_claim
  oidc_jwks_uri           = var.oidc_jwks_uri
  deploy_ciam_simulator   = var.deploy_ciam_simulator
  image_tag               = var.image_tag
  collector_version       = var.collector_version
  log_retention_days      = var.log_retention_days
  metric_names            = var.metric_names
  alarm_thresholds        = var.alarm_thresholds
  dr                      = var.dr
}
