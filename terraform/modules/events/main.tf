# The custom bus and its routes: one rule per consumer, each delivering to the consumer's queue (+DLQ).
# Consumers are the outbound partners and the alerting service's event queue (FileRejected and the like).
locals {
  partner_routes = {
    for p in var.partners : "partner-${p.name}" => {
      rule       = p.rule
      pattern    = p.eventPattern
      queue      = p.queue
      dlq        = p.dlq
      visibility = try(p.visibilityTimeoutSeconds, 60)
      receives   = try(p.maxReceiveCount, 5)
    }
  }
  # resources.json gives the alerting queue no timeout or receive count: the same defaults as provision.py
  alerting_route = {
    alerting = {
      rule       = var.alerting.eventsRule
      pattern    = var.alerting.eventPattern
      queue      = var.alerting.eventsQueue
      dlq        = var.alerting.eventsDlq
      visibility = 60
      receives   = 5
    }
  }
  routes = merge(local.partner_routes, local.alerting_route)
}

resource "aws_cloudwatch_event_bus" "this" {
  name = var.bus_name
  tags = var.tags
}

module "queue" {
  source                     = "../queue"
  for_each                   = local.routes
  name                       = each.value.queue
  dlq_name                   = each.value.dlq
  visibility_timeout_seconds = each.value.visibility
  max_receive_count          = each.value.receives
  tags                       = var.tags
}

resource "aws_cloudwatch_event_rule" "route" {
  for_each       = local.routes
  name           = each.value.rule
  event_bus_name = aws_cloudwatch_event_bus.this.name
  event_pattern  = jsonencode(each.value.pattern)
  state          = "ENABLED"
  tags           = var.tags
}

resource "aws_cloudwatch_event_target" "route" {
  for_each       = local.routes
  rule           = aws_cloudwatch_event_rule.route[each.key].name
  event_bus_name = aws_cloudwatch_event_bus.this.name
  target_id      = "queue"
  arn            = module.queue[each.key].queue_arn

  retry_policy {
    maximum_event_age_in_seconds = 86400
    maximum_retry_attempts       = 185
  }

  # An event EventBridge could not deliver lands in the same DLQ as one the consumer gave up on: both
  # hold the original event, so one redrive serves both.
  dead_letter_config {
    arn = module.queue[each.key].dlq_arn
  }
}

data "aws_iam_policy_document" "queue" {
  for_each = local.routes
  statement {
    sid       = "EventBridgeRule"
    actions   = ["sqs:SendMessage"]
    resources = [module.queue[each.key].queue_arn]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.route[each.key].arn]
    }
  }
}

data "aws_iam_policy_document" "dlq" {
  for_each = local.routes
  statement {
    sid       = "EventBridgeRuleDeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [module.queue[each.key].dlq_arn]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.route[each.key].arn]
    }
  }
}

resource "aws_sqs_queue_policy" "queue" {
  for_each  = local.routes
  queue_url = module.queue[each.key].queue_url
  policy    = data.aws_iam_policy_document.queue[each.key].json
}

resource "aws_sqs_queue_policy" "dlq" {
  for_each  = local.routes
  queue_url = module.queue[each.key].dlq_url
  policy    = data.aws_iam_policy_document.dlq[each.key].json
}
