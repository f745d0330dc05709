output "backup_plan_rules" {
  description = "The backup plan's rules (tested: the cross-region copy)."
  value       = try(aws_backup_plan.aurora[0].rule, [])
}

output "dr_vault_arn" {
  value = try(aws_backup_vault.dr[0].arn, null)
}

output "replica_buckets" {
  description = "Key => replica bucket name in the DR region."
  value       = { for k, b in aws_s3_bucket.replica : k => b.bucket }
}

output "replication_policy" {
  value = length(var.replicated_buckets) > 0 ? local.replication_policy : null
}

output "event_archive_name" {
  value = aws_cloudwatch_event_archive.bus.name
}

output "inspect" {
  description = "The resources the tests assert on."
  value = {
    replication     = aws_s3_bucket_replication_configuration.this
    backup_plan     = aws_backup_plan.aurora
    backup_vault_dr = aws_backup_vault.dr
    selection       = aws_backup_selection.aurora
    archive         = aws_cloudwatch_event_archive.bus
  }
}
