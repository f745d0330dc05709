output "topic_arns" {
  description = "Severity => topic ARN."
  value       = { for k, t in aws_sns_topic.severity : k => t.arn }
}

output "payload_bucket_name" {
  value = module.payload_bucket.id
}

output "payload_bucket_arn" {
  value = module.payload_bucket.arn
}

output "pending_email_subscriptions" {
  description = "Subscriptions still waiting for the recipient to confirm."
  value       = [for k, s in aws_sns_topic_subscription.email : k if s.pending_confirmation]
}

output "payload_bucket_versioned_id" {
  value = module.payload_bucket.versioned_id
}

output "payload_bucket_versioning" {
  value = module.payload_bucket.versioning
}
