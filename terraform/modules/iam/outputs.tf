output "task_role_arns" {
  description = "Service => task role ARN."
  value       = { for k, r in aws_iam_role.task : k => r.arn }
}

output "execution_role_arns" {
  description = "Task => execution role ARN."
  value       = { for k, r in aws_iam_role.execution : k => r.arn }
}

output "task_policies" {
  description = "Service => task role policy JSON (tested, and for review)."
  value       = local.task_documents
}

output "execution_policies" {
  description = "Task => execution role policy JSON."
  value       = local.execution
}
