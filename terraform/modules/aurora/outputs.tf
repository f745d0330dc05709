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

output "master_user_secret_arn" {
  description = "Secrets Manager secret with the generated master credentials."
  value       = aws_rds_cluster.this.master_user_secret[0].secret_arn
}
