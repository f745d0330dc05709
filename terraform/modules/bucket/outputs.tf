output "id" {
  description = "Bucket name (the configured one, known before apply)."
  value       = aws_s3_bucket.this.bucket
}

output "arn" {
  value = aws_s3_bucket.this.arn
}

output "versioned_id" {
  description = "Bucket name, known only once versioning is switched on (for replication)."
  value       = aws_s3_bucket.this.bucket
  depends_on  = [aws_s3_bucket_versioning.this]
}

output "versioning" {
  value = var.versioning
}

output "sse_algorithm" {
  value = one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default[0].sse_algorithm
}
