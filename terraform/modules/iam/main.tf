# One least-privilege policy per service. Attach them to whatever runs the service (ECS task role,
# EKS pod identity, instance profile) through var.role_names or outside this module.
locals {
  consume = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"]
  # operators peek into and redrive DLQs through the service's API
  redrive = ["sqs:StartMessageMoveTask", "sqs:ListMessageMoveTasks", "sqs:CancelMessageMoveTask"]
  kms     = length(var.kms_key_arns) > 0
}

data "aws_iam_policy_document" "inbound" {
  statement {
    sid       = "ListInboundBucket"
    actions   = ["s3:ListBucket", "s3:ListBucketVersions"]
    resources = [var.inbound_bucket_arn]
  }
  statement {
    sid       = "ReadInboundFiles"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = ["${var.inbound_bucket_arn}/*"]
  }
  statement {
    sid       = "ConsumeInboundQueue"
    actions   = local.consume
    resources = var.inbound_queue_arns
  }
  statement {
    sid       = "RedriveInboundDlq"
    actions   = concat(local.redrive, ["sqs:SendMessage"])
    resources = var.inbound_queue_arns
  }
  dynamic "statement" {
    for_each = local.kms ? [1] : []
    content {
      sid       = "DecryptInboundFiles"
      actions   = ["kms:Decrypt"]
      resources = var.kms_key_arns
    }
  }
}

data "aws_iam_policy_document" "outbound" {
  statement {
    sid       = "PublishDomainEvents"
    actions   = ["events:PutEvents"]
    resources = [var.event_bus_arn]
  }
  statement {
    sid       = "ConsumePartnerQueues"
    actions   = local.consume
    resources = var.partner_queue_arns
  }
  statement {
    sid       = "RedrivePartnerDlqs"
    actions   = concat(local.redrive, ["sqs:SendMessage"])
    resources = var.partner_queue_arns
  }
}

data "aws_iam_policy_document" "alerting" {
  statement {
    sid       = "PublishAlerts"
    actions   = ["sns:Publish"]
    resources = var.topic_arns
  }
  statement {
    sid       = "OffloadAlertBodies"
    actions   = ["s3:PutObject", "s3:GetObject"]
    resources = ["${var.payload_bucket_arn}/*"]
  }
  statement {
    sid       = "ConsumeAlertingEvents"
    actions   = local.consume
    resources = var.alerting_queue_arns
  }
  statement {
    sid       = "RedriveAlertingDlq"
    actions   = concat(local.redrive, ["sqs:SendMessage"])
    resources = var.alerting_queue_arns
  }
  dynamic "statement" {
    for_each = local.kms ? [1] : []
    content {
      sid       = "EncryptAlertBodies"
      actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
      resources = var.kms_key_arns
    }
  }
}

locals {
  documents = {
    inbound  = data.aws_iam_policy_document.inbound.json
    outbound = data.aws_iam_policy_document.outbound.json
    alerting = data.aws_iam_policy_document.alerting.json
  }
}

resource "aws_iam_policy" "service" {
  for_each    = local.documents
  name        = "${var.env}-${each.key}-service"
  description = "What ${each.key}-service needs in ${var.env}, nothing more"
  policy      = each.value
  tags        = var.tags
}

resource "aws_iam_role_policy_attachment" "service" {
  for_each   = var.role_names
  role       = each.value
  policy_arn = aws_iam_policy.service[each.key].arn
}
