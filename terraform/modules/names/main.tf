# The one place Terraform reads cloud/resources.json: every other module gets names from here, so
# Terraform, cloud/provision.py (the emulator) and docker-compose create the same resources.
locals {
  raw = jsondecode(replace(file("${path.module}/../../../cloud/resources.json"), "{env}", var.env))

  # S3 bucket names are global across all AWS accounts: an optional suffix keeps the JSON names
  # usable per account without editing the source of truth. Queues, topics and the bus are per
  # account and region, so they keep the JSON names unchanged.
  inbound = merge(local.raw.inbound, {
    bucket = "${local.raw.inbound.bucket}${var.bucket_name_suffix}"
  })
  alerting = merge(local.raw.alerting, {
    payloadBucket = "${local.raw.alerting.payloadBucket}${var.bucket_name_suffix}"
  })
}
