output "policy_arns" {
  description = "Service => policy ARN."
  value       = { for k, p in aws_iam_policy.service : k => p.arn }
}

output "policy_documents" {
  description = "Service => policy JSON (for review)."
  value       = local.documents
}
