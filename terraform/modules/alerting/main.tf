# Alert topics per severity (+ e-mail subscriptions) and the bucket that holds alert bodies too big
# for SNS (the extended-client pattern: the body goes to S3, SNS carries a pointer).
locals {
  subscriptions = {
    for pair in setproduct(var.email_severities, var.alert_emails) : "${pair[0]}/${pair[1]}" => {
      severity = pair[0]
      address  = pair[1]
    }
  }
}

resource "aws_sns_topic" "severity" {
  for_each          = var.names.topics
  name              = each.value
  kms_master_key_id = var.sns_kms_key_id
  tags              = var.tags
}

# AWS sends each address a confirmation mail; nothing is delivered to it until the recipient clicks
# the link, and Terraform shows the subscription as pending until then.
resource "aws_sns_topic_subscription" "email" {
  for_each  = local.subscriptions
  topic_arn = aws_sns_topic.severity[each.value.severity].arn
  protocol  = "email"
  endpoint  = each.value.address
}

module "payload_bucket" {
  source          = "../bucket"
  name            = var.names.payloadBucket
  expiration_days = var.payload_expiration_days
  # versions only for cross-region replication; an overwritten body is gone a day later
  versioning                         = var.versioning
  noncurrent_version_expiration_days = var.versioning ? 1 : null
  kms_key_arn                        = var.kms_key_arn
  force_destroy                      = var.force_destroy
  tags                               = var.tags
}
