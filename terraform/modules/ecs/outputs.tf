output "cluster_name" {
  value = aws_ecs_cluster.this.name
}

output "service_names" {
  value = { for k, s in aws_ecs_service.this : k => s.name }
}

output "tasks_security_group_id" {
  value = aws_security_group.tasks.id
}

output "alb_dns_name" {
  value = aws_lb.this.dns_name
}

output "alb_arn_suffix" {
  value = aws_lb.this.arn_suffix
}

output "target_group_arn_suffixes" {
  value = { for k, t in aws_lb_target_group.this : k => t.arn_suffix }
}

output "repository_urls" {
  description = "Task => ECR repository URL (the pipeline pushes here)."
  value       = { for k, r in aws_ecr_repository.this : k => r.repository_url }
}

output "repository_arns" {
  value = { for k, r in aws_ecr_repository.this : k => r.arn }
}

output "log_group_arns" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.arn }
}

output "log_group_names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}

output "migration_task_definition" {
  value = aws_ecs_task_definition.migration.family
}

output "task_definitions" {
  description = "Service => task definition container JSON (tested)."
  value       = { for k, t in aws_ecs_task_definition.service : k => t.container_definitions }
}

output "container_names" {
  description = "Service => the name of its application container (the module name)."
  value       = local.service_names
}

output "inspect" {
  description = "The resources the tests assert on."
  value = {
    container_names  = local.service_names
    repositories     = aws_ecr_repository.this
    services         = aws_ecs_service.this
    task_definitions = aws_ecs_task_definition.service
    target_groups    = aws_lb_target_group.this
    listener         = aws_lb_listener.https
    rules            = aws_lb_listener_rule.this
    backlog_policies = aws_appautoscaling_policy.backlog
    log_groups       = aws_cloudwatch_log_group.this
    tasks_sg_id      = aws_security_group.tasks.id
    alb_from_tasks   = aws_vpc_security_group_ingress_rule.alb_from_tasks
  }
}
