# Alarms, all to the critical topic, and one dashboard per environment.
locals {
  actions = [var.alarm_topic_arn]
  name    = "${var.env}-tact"
}

# Any message in any DLQ needs a person: it is a file, a delivery or an alert the suite gave up on.
resource "aws_cloudwatch_metric_alarm" "dlq" {
  for_each            = var.dlq_names
  alarm_name          = "${each.value}-not-empty"
  alarm_description   = "Messages in ${each.value}: look at them and redrive (docs/operations.md)."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = each.value }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

# A gauge the service publishes: the age of its oldest unpublished outbox row. Missing data is left
# INSUFFICIENT_DATA: a service that stopped reporting is not "fine".
resource "aws_cloudwatch_metric_alarm" "outbox_age" {
  for_each            = var.metric_names.outbox_age
  alarm_name          = "${var.env}-${each.key}-outbox-age"
  alarm_description   = "${each.key}-service has not published an outbox row for ${var.thresholds.outbox_age_seconds} s (EventBridge/SNS unreachable, or the relay stuck)."
  namespace           = var.metrics_namespace
  metric_name         = each.value
  dimensions          = { "service.name" = "${each.key}-service" }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  datapoints_to_alarm = 5
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.thresholds.outbox_age_seconds
  treat_missing_data  = "missing"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "rejected_files" {
  alarm_name          = "${var.env}-inbound-rejected-files"
  alarm_description   = "More than ${var.thresholds.rejected_files_per_15m} files REJECTED in 15 minutes: an upstream sends bad files."
  namespace           = var.metrics_namespace
  metric_name         = var.metric_names.inbound_files
  dimensions          = { "service.name" = "inbound-service", status = "REJECTED" }
  statistic           = "Sum"
  period              = 900
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.thresholds.rejected_files_per_15m
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  tags                = var.tags
}

# DEAD_LETTERED deliveries: outbound-service sends each to the partner's DLQ with SendMessage (a redrive
# policy's automatic move would not count here), so NumberOfMessagesSent on the partner DLQs is their rate.
resource "aws_cloudwatch_metric_alarm" "dead_lettered" {
  alarm_name          = "${var.env}-outbound-dead-lettered-deliveries"
  alarm_description   = "More than ${var.thresholds.dead_lettered_per_15m} partner deliveries DEAD_LETTERED in 15 minutes."
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.thresholds.dead_lettered_per_15m
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  tags                = var.tags

  dynamic "metric_query" {
    for_each = var.partner_dlq_names
    content {
      id = "p${index(sort(keys(var.partner_dlq_names)), metric_query.key)}"
      metric {
        namespace   = "AWS/SQS"
        metric_name = "NumberOfMessagesSent"
        dimensions  = { QueueName = metric_query.value }
        stat        = "Sum"
        period      = 900
      }
    }
  }
  metric_query {
    id          = "dead_lettered"
    label       = "deliveries dead-lettered"
    expression  = "SUM([${join(", ", [for i in range(length(var.partner_dlq_names)) : "p${i}"])}])"
    return_data = true
  }
}

resource "aws_cloudwatch_metric_alarm" "alerts_failed" {
  alarm_name          = "${var.env}-alerting-alerts-failed"
  alarm_description   = "Alerts marked FAILED (SNS refused them): nobody got these alerts. GET /alerting/api/alerts?state=FAILED."
  namespace           = var.metrics_namespace
  metric_name         = var.metric_names.alerts_failed
  dimensions          = { "service.name" = "alerting-service" }
  statistic           = "Sum"
  period              = 900
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.thresholds.alerts_failed_per_15m
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = local.name
  dashboard_body = jsonencode({
    widgets = [
      {
        type = "alarm", x = 0, y = 0, width = 24, height = 4
        properties = {
          title = "Alarms"
          alarms = concat(
            [for a in aws_cloudwatch_metric_alarm.dlq : a.arn],
            [for a in aws_cloudwatch_metric_alarm.outbox_age : a.arn],
            [aws_cloudwatch_metric_alarm.rejected_files.arn, aws_cloudwatch_metric_alarm.dead_lettered.arn, aws_cloudwatch_metric_alarm.alerts_failed.arn],
          )
        }
      },
      {
        type = "metric", x = 0, y = 4, width = 12, height = 6
        properties = {
          title   = "Queue depth (visible)"
          region  = var.region
          stat    = "Maximum"
          period  = 60
          metrics = [for q in values(var.dashboard.queue_names) : ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", q]]
        }
      },
      {
        type = "metric", x = 12, y = 4, width = 12, height = 6
        properties = {
          title   = "DLQ depth"
          region  = var.region
          stat    = "Maximum"
          period  = 60
          metrics = [for q in values(var.dlq_names) : ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", q]]
        }
      },
      {
        type = "metric", x = 0, y = 10, width = 12, height = 6
        properties = {
          title   = "Files by status"
          region  = var.region
          stat    = "Sum"
          period  = 300
          metrics = [for s in ["DONE", "REJECTED"] : [var.metrics_namespace, var.metric_names.inbound_files, "service.name", "inbound-service", "status", s]]
        }
      },
      {
        type = "metric", x = 12, y = 10, width = 12, height = 6
        properties = {
          title   = "Outbox age (s)"
          region  = var.region
          stat    = "Maximum"
          period  = 60
          metrics = [for svc, m in var.metric_names.outbox_age : [var.metrics_namespace, m, "service.name", "${svc}-service"]]
        }
      },
      {
        type = "metric", x = 0, y = 16, width = 12, height = 6
        properties = {
          title  = "Running tasks and CPU"
          region = var.region
          period = 60
          stat   = "Average"
          metrics = concat(
            [for s in values(var.dashboard.service_names) : ["ECS/ContainerInsights", "RunningTaskCount", "ClusterName", var.dashboard.cluster_name, "ServiceName", s]],
            [for s in values(var.dashboard.service_names) : ["AWS/ECS", "CPUUtilization", "ClusterName", var.dashboard.cluster_name, "ServiceName", s, { yAxis = "right" }]],
          )
        }
      },
      {
        type = "metric", x = 12, y = 16, width = 12, height = 6
        properties = {
          title  = "Load balancer: 5xx and latency p99"
          region = var.region
          period = 60
          metrics = concat(
            [for k, tg in var.dashboard.target_group_suffixes : ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "TargetGroup", tg, "LoadBalancer", var.dashboard.alb_arn_suffix, { stat = "Sum", label = "${k} 5xx" }]],
            [for k, tg in var.dashboard.target_group_suffixes : ["AWS/ApplicationELB", "TargetResponseTime", "TargetGroup", tg, "LoadBalancer", var.dashboard.alb_arn_suffix, { stat = "p99", yAxis = "right", label = "${k} p99" }]],
          )
        }
      },
      {
        type = "metric", x = 0, y = 22, width = 24, height = 6
        properties = {
          title  = "Aurora: ACU, connections, replica lag"
          region = var.region
          period = 60
          stat   = "Average"
          metrics = [
            ["AWS/RDS", "ServerlessDatabaseCapacity", "DBClusterIdentifier", var.dashboard.db_cluster_identifier],
            ["AWS/RDS", "DatabaseConnections", "DBClusterIdentifier", var.dashboard.db_cluster_identifier, { yAxis = "right" }],
            ["AWS/RDS", "AuroraReplicaLagMaximum", "DBClusterIdentifier", var.dashboard.db_cluster_identifier, { yAxis = "right" }],
          ]
        }
      },
    ]
  })
}
