output "cluster_arn" {
  value = aws_rds_cluster.this.arn
}

output "cluster_identifier" {
  value = aws_rds_cluster.this.cluster_identifier
}

output "cluster_resource_id" {
  description = "For rds-db:connect ARNs (IAM database authentication)."
  value       = aws_rds_cluster.this.cluster_resource_id
}

output "security_group_id" {
  value = aws_security_group.db.id
}

output "writer_endpoint" {
  description = "Cluster endpoint; follows the writer across failovers."
  value       = aws_rds_cluster.this.endpoint
}

output "reader_endpoint" {
  description = "Load-balanced endpoint over the readers (the writer when there is none)."
  value       = aws_rds_cluster.this.reader_endpoint
}

output "jdbc_url" {
  description = "TACT_JDBC_URL for the services."
  value       = "jdbc:postgresql://${aws_rds_cluster.this.endpoint}:${aws_rds_cluster.this.port}/${var.database_name}"
}

output "jdbc_reader_url" {
  description = "TACT_JDBC_READER_URL for the services' read-only queries."
  value       = "jdbc:postgresql://${aws_rds_cluster.this.reader_endpoint}:${aws_rds_cluster.this.port}/${var.database_name}"
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret with the RDS-managed master credentials (bootstrap only); null in a global database."
  value       = var.global_cluster ? null : aws_rds_cluster.this.master_user_secret[0].secret_arn
}

output "app_secret_arn" {
  value = aws_secretsmanager_secret.login[var.app_username].arn
}

output "migrator_secret_arn" {
  value = aws_secretsmanager_secret.login[var.migrator_username].arn
}

output "app_username" {
  value = var.app_username
}

output "migrator_username" {
  value = var.migrator_username
}

output "inspect" {
  description = "The cluster, its instances and its ingress rules, for the tests and for review."
  value = {
    cluster   = aws_rds_cluster.this
    instances = aws_rds_cluster_instance.this
    ingress   = aws_vpc_security_group_ingress_rule.postgres
  }
}
