# Upstream systems drop CSV files into the inbound bucket; every ObjectCreated under the notification
# prefix becomes a message on the inbound queue that inbound-service instances compete on.
data "aws_caller_identity" "current" {}

module "bucket" {
  source                             = "../bucket"
  name                               = var.names.bucket
  versioning                         = true
  noncurrent_version_expiration_days = var.noncurrent_version_expiration_days
  kms_key_arn                        = var.kms_key_arn
  force_destroy                      = var.force_destroy
  tags                               = var.tags
}

module "queue" {
  source                     = "../queue"
  name                       = var.names.queue
  dlq_name                   = var.names.dlq
  visibility_timeout_seconds = var.names.visibilityTimeoutSeconds
  max_receive_count          = var.names.maxReceiveCount
  tags                       = var.tags
}

data "aws_iam_policy_document" "queue" {
  statement {
    sid       = "S3ObjectCreated"
    actions   = ["sqs:SendMessage"]
    resources = [module.queue.queue_arn]
    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [module.bucket.arn]
    }
    # bucket names can be re-registered by another account after deletion: pin the owner too
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_sqs_queue_policy" "queue" {
  queue_url = module.queue.queue_url
  policy    = data.aws_iam_policy_document.queue.json
}

resource "aws_s3_bucket_notification" "inbound" {
  bucket = module.bucket.id

  queue {
    id            = "inbound-files"
    queue_arn     = module.queue.queue_arn
    events        = ["s3:ObjectCreated:*"]
    filter_prefix = var.names.notificationPrefix
  }

  # S3 sends a test message when the configuration is saved and fails if the queue refuses it
  depends_on = [aws_sqs_queue_policy.queue]
}
