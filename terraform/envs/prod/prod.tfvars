# prod: two AZs, a reader, a customer-managed key, copies in the DR region. Network and certificate values
# are per account: replace the example ids with the account's own (they are not secret; commit them).
env = "prod"

vpc_id     = "vpc-0123456789abcdef0"
subnet_ids = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
load_balancer = {
  dns_name        = "tact.example.com" # the certificate's name, pointed at the load balancer
  certificate_arn = "arn:aws:acm:us-east-1:222222222222:certificate/00000000-0000-0000-0000-000000000000"
  ingress_cidrs   = ["10.0.0.0/8"]
}

alert_emails            = ["tact-support@example.com"]
alert_email_severities  = ["critical", "warning", "info"]
payload_expiration_days = 30
force_destroy_buckets   = false
log_retention_days      = 90

# the image tag comes from the pipeline: -var image_tag=<git sha>
image_tag = "latest-prod"

aurora = {
  min_acu               = 1
  max_acu               = 16
  instance_count        = 2 # writer + reader, one per AZ
  availability_zones    = ["us-east-1a", "us-east-1b"]
  deletion_protection   = true
  backup_retention_days = 14
  global_cluster        = false # true makes it the primary of an Aurora Global Database (runbook-dr.md)
}

services = {
  inbound  = { cpu = 2048, memory = 4096, desired_count = 2, min_count = 2, max_count = 8, backlog_per_task = 4 }
  outbound = { cpu = 1024, memory = 2048, desired_count = 2, min_count = 2, max_count = 6, backlog_per_task = 200 }
  alerting = { cpu = 512, memory = 1024, desired_count = 2, min_count = 2, max_count = 4 }
  console  = { cpu = 512, memory = 1024, desired_count = 2, min_count = 2, max_count = 3 }
}

# Identity: the corporate CIAM (or Cognito: docs/infrastructure.md#identity). Its access tokens must carry
# aud "tact" and the suite's roles in the claim "roles"; never the CIAM simulator here (a validation refuses it).
oidc_issuer = "https://login.example.com/realms/tact"

kms = { create = true }

dr = {
  enabled                      = true
  region                       = "us-west-2"
  backup_retention_days        = 35
  event_archive_retention_days = 30
}
