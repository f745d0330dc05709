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

output "bucket_versioned_id" {
  value = module.bucket.versioned_id
}

output "queue_name" {
  value = module.queue.queue_name
}

output "dlq_name" {
  value = module.queue.dlq_name
}

output "bucket_sse_algorithm" {
  value = module.bucket.sse_algorithm
}
