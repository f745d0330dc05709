output "bucket_name" {
  value = module.bucket.id
}

output "bucket_arn" {
  value = module.bucket.arn
}

output "queue_url" {
  value = module.queue.queue_url
}

output "queue_arn" {
  value = module.queue.queue_arn
}

output "dlq_url" {
  value = module.queue.dlq_url
}

output "dlq_arn" {
  value = module.queue.dlq_arn
}
