# dev: the whole suite at its smallest. Network and certificate values are per account: replace the
# example ids with the account's own (they are not secret; commit them).
env = "dev"

vpc_id     = "vpc-0123456789abcdef0"
subnet_ids = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
load_balancer = {
  dns_name        = "tact.dev.example.com" # the certificate's name, pointed at the load balancer
  certificate_arn = "arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000"
  ingress_cidrs   = ["10.0.0.0/8"]
}

alert_emails            = ["tact-support@example.com"]
alert_email_severities  = ["critical"]
payload_expiration_days = 7
force_destroy_buckets   = true
log_retention_days      = 14

# the image tag comes from the pipeline: -var image_tag=<git sha>
image_tag = "latest-dev"

aurora = {
  min_acu             = 0.5
  max_acu             = 4
  instance_count      = 1
  deletion_protection = false
}

services = {
  inbound  = { cpu = 512, memory = 1024, desired_count = 1, min_count = 1, max_count = 2, backlog_per_task = 4 }
  outbound = { cpu = 512, memory = 1024, desired_count = 1, min_count = 1, max_count = 2 }
  alerting = { cpu = 512, memory = 1024, desired_count = 1, min_count = 1, max_count = 2 }
  console  = { cpu = 512, memory = 1024, desired_count = 1, min_count = 1, max_count = 2 }
}

# Identity: dev runs the CIAM simulator behind the load balancer (users viewer/operator/admin, scriptable bad days);
# its tokens carry this issuer. For Cognito or the corporate CIAM instead: docs/infrastructure.md#identity.
deploy_ciam_simulator = true
oidc_issuer           = "https://tact.dev.example.com/ciam"

kms = { create = false }
dr  = { enabled = false }
