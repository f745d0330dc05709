output "service_env" {
  description = "What the task definitions set per service besides secrets and the fixed runtime settings (the same names ./tact writes into .local/env)."
  value = { for k in local.deployed_services : k => merge(
    { TACT_ENV = var.env, AWS_REGION = var.region },
    local.oidc_environment,
    contains(local.database_services, k) ? local.database_environment : {},
    local.service_environment[k],
  ) }
}

output "names" {
  description = "Resource names of resources.json as deployed (bucket suffix applied)."
  value = {
    inbound_bucket = module.inbound.bucket_name
    inbound_queue  = module.inbound.queue_name
    inbound_dlq    = module.inbound.dlq_name
    event_bus      = module.events.bus_name
    payload_bucket = module.alerting.payload_bucket_name
    partner_queues = { for p, q in local.partners : p => { queue = q.queue, dlq = q.dlq } }
    alerting_queue = module.events.alerting_queue.queue
    alerting_dlq   = module.events.alerting_queue.dlq
  }
}

output "topic_arns" {
  value = module.alerting.topic_arns
}

output "pending_email_subscriptions" {
  description = "Recipients who have not confirmed the AWS subscription mail yet."
  value       = module.alerting.pending_email_subscriptions
}

output "load_balancer_dns_name" {
  description = "Point the certificate's DNS name here (CNAME or alias)."
  value       = module.ecs.alb_dns_name
}

output "ecs_cluster" {
  value = module.ecs.cluster_name
}

output "ecs_services" {
  value = module.ecs.service_names
}

output "ecr_repositories" {
  description = "Where the pipeline pushes each image."
  value       = module.ecs.repository_urls
}

output "migration_task_definition" {
  value = module.ecs.migration_task_definition
}

output "tasks_security_group_id" {
  description = "For aws ecs run-task of the migration task."
  value       = module.ecs.tasks_security_group_id
}

output "task_definitions" {
  value = module.ecs.task_definitions
}

output "task_policies" {
  description = "Service => task role policy JSON."
  value       = module.iam.task_policies
}

output "execution_policies" {
  value = module.iam.execution_policies
}

output "aurora" {
  value = {
    writer_endpoint        = module.aurora.writer_endpoint
    reader_endpoint        = module.aurora.reader_endpoint
    master_user_secret_arn = module.aurora.master_user_secret_arn
    app_secret_arn         = module.aurora.app_secret_arn
    migrator_secret_arn    = module.aurora.migrator_secret_arn
  }
}

output "console_secret_arns" {
  description = "Put the tact-console client secret and a random purge key into these (plain strings)."
  value = {
    client_secret = aws_secretsmanager_secret.console_client.arn
    purge_key     = aws_secretsmanager_secret.console_purge_key.arn
  }
}

output "ciam_simulator" {
  description = "The CIAM simulator when deployed (dev/QA only): its issuer and its dev password secret; null otherwise."
  value = var.deploy_ciam_simulator ? {
    issuer              = var.oidc_issuer
    dev_password_secret = aws_secretsmanager_secret.ciam_dev_password[0].arn
  } : null
}

output "partner_secret_arns" {
  value = { for p, s in aws_secretsmanager_secret.partner : p => s.arn }
}

output "alarm_actions" {
  value = module.alarms.alarm_actions
}

output "dlq_alarm_names" {
  value = module.alarms.dlq_alarm_names
}

output "dashboard_name" {
  value = module.alarms.dashboard_name
}

output "backup_plan_rules" {
  value = module.dr.backup_plan_rules
}

output "replica_buckets" {
  value = module.dr.replica_buckets
}

output "sns_endpoint_url" {
  description = "Explicit SNS endpoint URL (TACT_ALERTING_SNS_ENDPOINT) for when private DNS is not relied on."
  value       = try(module.network[0].sns_endpoint_url, null)
}

output "interface_endpoints" {
  value = try(keys(module.network[0].interface_endpoint_ids), [])
}

output "replication_policy" {
  value = module.dr.replication_policy
}

output "inspect" {
  description = "Resources of the child modules, for terraform test (which sees only module outputs) and for review."
  value = {
    aurora = module.aurora.inspect
    ecs    = module.ecs.inspect
    secret_names = concat(
      [for s in aws_secretsmanager_secret.partner : s.name],
      [aws_secretsmanager_secret.console_client.name, aws_secretsmanager_secret.console_purge_key.name],
      [for s in aws_secretsmanager_secret.ciam_dev_password : s.name],
    )
    dr                    = module.dr.inspect
    alarms                = module.alarms.inspect
    kms_created           = var.kms.create
    payload_versioning    = module.alerting.payload_bucket_versioning
    inbound_sse_algorithm = module.inbound.bucket_sse_algorithm
  }
}
