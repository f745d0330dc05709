# A work queue and its dead-letter queue, set up like cloud/provision.py does it for the emulator.
# Access policies stay with the caller: a queue has only one policy, and only the caller knows which
# service (S3, EventBridge) sends to it.
locals {
  # what real SQS allows without the extended client; the emulator is set to the same value
  max_message_size  = 262144
  message_retention = 14 * 24 * 3600
}

resource "aws_sqs_queue" "dlq" {
  name                       = var.dlq_name
  visibility_timeout_seconds = var.visibility_timeout_seconds
  max_message_size           = local.max_message_size
  message_retention_seconds  = local.message_retention
  sqs_managed_sse_enabled    = true
  tags                       = var.tags
}

resource "aws_sqs_queue" "this" {
  name                       = var.name
  visibility_timeout_seconds = var.visibility_timeout_seconds
  max_message_size           = local.max_message_size
  message_retention_seconds  = local.message_retention
  # SSE-SQS, not an AWS-managed KMS key: S3 and EventBridge cannot use the aws/sqs key to send
  sqs_managed_sse_enabled = true
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq.arn
    maxReceiveCount     = var.max_receive_count
  })
  tags = var.tags
}

# Only this queue may use the DLQ, and operators can redrive from it back to the source.
resource "aws_sqs_queue_redrive_allow_policy" "dlq" {
  queue_url = aws_sqs_queue.dlq.id
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.this.arn]
  })
}
