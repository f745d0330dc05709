output "service_env" {
  description = "Environment variables for the services in this environment."
  value       = module.tact.service_env
}

output "inbound_queue_url" {
  value = module.tact.inbound_queue_url
}

output "partner_queue_urls" {
  value = module.tact.partner_queue_urls
}

output "alerting_queue_url" {
  value = module.tact.alerting_queue_url
}

output "topic_arns" {
  value = module.tact.topic_arns
}

output "pending_email_subscriptions" {
  value = module.tact.pending_email_subscriptions
}

output "service_policy_arns" {
  value = module.tact.service_policy_arns
}

output "sns_endpoint_dns_name" {
  description = "DNS name of the SNS interface endpoint."
  value       = module.tact.sns_endpoint_dns_name
}

output "sns_endpoint_url" {
  description = "Set as AWS_ENDPOINT_URL_SNS on the alerting service if private DNS is off or not resolvable."
  value       = module.tact.sns_endpoint_url
}

output "aurora_writer_endpoint" {
  value = module.tact.aurora_writer_endpoint
}

output "aurora_reader_endpoint" {
  value = module.tact.aurora_reader_endpoint
}

output "aurora_master_user_secret_arn" {
  value = module.tact.aurora_master_user_secret_arn
}
