output "service_env" {
  description = "Service => the environment its task definition sets (besides secrets)."
  value       = module.tact.service_env
}

output "names" {
  value = module.tact.names
}

output "topic_arns" {
  value = module.tact.topic_arns
}

output "pending_email_subscriptions" {
  value = module.tact.pending_email_subscriptions
}

output "load_balancer_dns_name" {
  value = module.tact.load_balancer_dns_name
}

output "ecs_cluster" {
  value = module.tact.ecs_cluster
}

output "ecs_services" {
  value = module.tact.ecs_services
}

output "ecr_repositories" {
  value = module.tact.ecr_repositories
}

output "migration_task_definition" {
  value = module.tact.migration_task_definition
}

output "tasks_security_group_id" {
  value = module.tact.tasks_security_group_id
}

output "migration_subnets" {
  description = "Comma-separated subnets for aws ecs run-task of the migration task."
  value       = join(",", var.subnet_ids)
}

output "aurora" {
  value = module.tact.aurora
}

output "console_secret_arns" {
  value = module.tact.console_secret_arns
}

output "ciam_simulator" {
  value = module.tact.ciam_simulator
}

output "partner_secret_arns" {
  value = module.tact.partner_secret_arns
}

output "dashboard_name" {
  value = module.tact.dashboard_name
}

output "replica_buckets" {
  value = module.tact.replica_buckets
}

output "sns_endpoint_url" {
  value = module.tact.sns_endpoint_url
}
