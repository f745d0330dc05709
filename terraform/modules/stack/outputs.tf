output "service_env" {
  description = "The variables ./tact writes into .local/env, with the values of this environment."
  value = {
    TACT_ENV                  = var.env
    AWS_REGION                = var.region
    TACT_INBOUND_BUCKET       = module.inbound.bucket_name
    TACT_INBOUND_PREFIX       = module.names.inbound.notificationPrefix
    TACT_INBOUND_QUEUE        = module.names.inbound.queue
    TACT_INBOUND_DLQ          = module.names.inbound.dlq
    TACT_EVENT_BUS            = module.events.bus_name
    TACT_ALERT_PAYLOAD_BUCKET = module.alerting.payload_bucket_name
    TACT_JDBC_URL             = try(module.aurora[0].jdbc_url, null)
  }
}

output "inbound_queue_url" {
  value = module.inbound.queue_url
}

output "partner_queue_urls" {
  value = module.events.partner_queue_urls
}

output "alerting_queue_url" {
  value = module.events.alerting_queue_url
}

output "topic_arns" {
  value = module.alerting.topic_arns
}

output "pending_email_subscriptions" {
  description = "Recipients who have not confirmed the AWS subscription mail yet."
  value       = module.alerting.pending_email_subscriptions
}

output "service_policy_arns" {
  value = module.iam.policy_arns
}

output "sns_endpoint_dns_name" {
  description = "DNS name of the SNS interface endpoint (null without VPC endpoints)."
  value       = try(module.network[0].sns_endpoint_dns_name, null)
}

output "sns_endpoint_url" {
  description = "Explicit SNS endpoint URL for the alerting service (AWS_ENDPOINT_URL_SNS) when private DNS is not relied on."
  value       = try(module.network[0].sns_endpoint_url, null)
}

output "aurora_writer_endpoint" {
  value = try(module.aurora[0].writer_endpoint, null)
}

output "aurora_reader_endpoint" {
  value = try(module.aurora[0].reader_endpoint, null)
}

output "aurora_master_user_secret_arn" {
  value = try(module.aurora[0].master_user_secret_arn, null)
}
