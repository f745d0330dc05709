output "dlq_alarm_names" {
  description = "DLQ name => its alarm."
  value       = { for k, a in aws_cloudwatch_metric_alarm.dlq : var.dlq_names[k] => a.alarm_name }
}

output "alarm_actions" {
  description = "Alarm name => actions (tested: all go to the critical topic)."
  value = merge(
    { for a in aws_cloudwatch_metric_alarm.dlq : a.alarm_name => a.alarm_actions },
    { for a in aws_cloudwatch_metric_alarm.outbox_age : a.alarm_name => a.alarm_actions },
    {
      (aws_cloudwatch_metric_alarm.rejected_files.alarm_name) = aws_cloudwatch_metric_alarm.rejected_files.alarm_actions
      (aws_cloudwatch_metric_alarm.dead_lettered.alarm_name)  = aws_cloudwatch_metric_alarm.dead_lettered.alarm_actions
      (aws_cloudwatch_metric_alarm.alerts_failed.alarm_name)  = aws_cloudwatch_metric_alarm.alerts_failed.alarm_actions
    },
  )
}

output "dashboard_name" {
  value = aws_cloudwatch_dashboard.this.dashboard_name
}

output "inspect" {
  value = {
    dlq = aws_cloudwatch_metric_alarm.dlq
  }
}
