output "bus_name" {
  value = aws_cloudwatch_event_bus.this.name
}

output "bus_arn" {
  value = aws_cloudwatch_event_bus.this.arn
}

output "partner_queue_arns" {
  description = "Queue and DLQ ARNs of every outbound partner."
  value = flatten([
    for k, q in module.queue : [q.queue_arn, q.dlq_arn] if startswith(k, "partner-")
  ])
}

output "partner_queue_urls" {
  description = "Partner name => queue URL."
  value       = { for k, q in module.queue : trimprefix(k, "partner-") => q.queue_url if startswith(k, "partner-") }
}

output "alerting_queue_arns" {
  description = "Queue and DLQ ARNs of the alerting event queue."
  value       = [module.queue["alerting"].queue_arn, module.queue["alerting"].dlq_arn]
}

output "alerting_queue_url" {
  value = module.queue["alerting"].queue_url
}

output "rule_arns" {
  value = { for k, r in aws_cloudwatch_event_rule.route : k => r.arn }
}

output "partner_queues" {
  description = "Partner name => queue and DLQ names and ARNs."
  value = { for k, q in module.queue : trimprefix(k, "partner-") => {
    queue     = q.queue_name
    dlq       = q.dlq_name
    queue_arn = q.queue_arn
    dlq_arn   = q.dlq_arn
  } if startswith(k, "partner-") }
}

output "alerting_queue" {
  value = {
    queue     = module.queue["alerting"].queue_name
    dlq       = module.queue["alerting"].dlq_name
    queue_arn = module.queue["alerting"].queue_arn
    dlq_arn   = module.queue["alerting"].dlq_arn
  }
}
