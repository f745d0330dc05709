output "id" {
  description = "Bucket name (the configured one, known before apply)."
  value       = aws_s3_bucket.this.bucket
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
