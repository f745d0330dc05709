# The whole TACT deployment of one environment; terraform/deploy calls it with an envs/<env>/<env>.tfvars.
data "aws_caller_identity" "current" {}

locals {
  tags        = merge({ Project = "tact", Environment = var.env }, var.tags)
  account_id  = data.aws_caller_identity.current.account_id
  kms_key_arn = var.kms.create ? module.kms[0].key_arn : var.kms.key_arn
  kms_on      = var.kms.create || var.kms.key_arn != null
  # S3 bucket names are global: the account id keeps the JSON names unique unless told otherwise
  bucket_suffix = var.bucket_name_suffix == null ? "-${local.account_id}" : var.bucket_name_suffix
  # what the load balancer's certificate names: the console's links to the services and its sign-in redirect
  base_url = "https://${var.load_balancer.dns_name}"
}

module "names" {
  source             = "../names"
  env                = var.env
  bucket_name_suffix = local.bucket_suffix
}

module "kms" {
  source = "../kms"
  count  = var.kms.create ? 1 : 0
  name   = "${var.env}-tact"
  region = var.region
  tags   = local.tags
}

# --- messaging (names from resources.json) ---------------------------------------------------------------
module "inbound" {
  source        = "../inbound"
  names         = module.names.inbound
  kms_key_arn   = local.kms_key_arn
  force_destroy = var.force_destroy_buckets
  tags          = local.tags
}

module "events" {
  source   = "../events"
  bus_name = module.names.events.bus
  partners = module.names.partners
  alerting = module.names.alerting
  tags     = local.tags
}

module "alerting" {
  source                  = "../alerting"
  names                   = module.names.alerting
  alert_emails            = var.alert_emails
  email_severities        = var.alert_email_severities
  payload_expiration_days = var.payload_expiration_days
  versioning              = var.dr.enabled
  sns_kms_key_id          = local.kms_key_arn
  kms_key_arn             = local.kms_key_arn
  force_destroy           = var.force_destroy_buckets
  tags                    = local.tags
}

module "network" {
  source             = "../network"
  count              = var.create_vpc_endpoints ? 1 : 0
  name_prefix        = "${var.env}-tact"
  region             = var.region
  vpc_id             = var.vpc_id
  subnet_ids         = var.subnet_ids
  interface_services = var.interface_endpoints != null ? var.interface_endpoints : concat(["sns", "sqs", "events", "secretsmanager", "ecr.api", "ecr.dkr", "logs", "xray", "sts"], local.kms_on ? ["kms"] : [])
  tags               = local.tags
}

# --- secrets the services read -------------------------------------------------------------------------
# Containers only: the values are put by an operator (docs/infrastructure.md), never by Terraform.
resource "aws_secretsmanager_secret" "partner" {
  for_each    = { for p in module.names.partners : p.name => p }
  name        = "${var.env}-outbound-${each.key}-client-secret"
  description = "OAuth client secret of partner ${each.key} (plain string), read by outbound-service"
  kms_key_id  = local.kms_key_arn
  tags        = local.tags
}

# The console signs people in as the confidential OIDC client tact-console of the identity provider.
resource "aws_secretsmanager_secret" "console_client" {
  name        = "${var.env}-console-client-secret"
  description = "Client secret of the OIDC client tact-console (plain string), read by console-service"
  kms_key_id  = local.kms_key_arn
  tags        = local.tags
}

# One purge confirmation key for all console tasks, so that a token issued by one is accepted by the others.
resource "aws_secretsmanager_secret" "console_purge_key" {
  name        = "${var.env}-console-purge-key"
  description = "Key that signs the console's purge confirmation tokens (plain string, 32+ random bytes), shared by its tasks"
  kms_key_id  = local.kms_key_arn
  tags        = local.tags
}

# The CIAM simulator's users and clients share one dev password (never a real credential; dev/QA only).
resource "aws_secretsmanager_secret" "ciam_dev_password" {
  count       = var.deploy_ciam_simulator ? 1 : 0
  name        = "${var.env}-ciam-simulator-dev-password"
  description = "The CIAM simulator's password of its users and clients (plain string), dev/QA only"
  kms_key_id  = local.kms_key_arn
  tags        = local.tags
}

# --- database ------------------------------------------------------------------------------------------
module "aurora" {
  source                  = "../aurora"
  name                    = "${var.env}-tact-db"
  vpc_id                  = var.vpc_id
  subnet_ids              = var.subnet_ids
  availability_zones      = var.aurora.availability_zones
  allowed_security_groups = merge(var.aurora.admin_security_groups, { tasks = module.ecs.tasks_security_group_id })
  engine_version          = var.aurora.engine_version
  min_acu                 = var.aurora.min_acu
  max_acu                 = var.aurora.max_acu
  instance_count          = var.aurora.instance_count
  kms_key_arn             = local.kms_key_arn
  backup_retention_days   = var.aurora.backup_retention_days
  global_cluster          = var.aurora.global_cluster
  snapshot_identifier     = var.aurora.snapshot_identifier
  master_password         = var.aurora_master_password
  deletion_protection     = var.aurora.deletion_protection
  tags                    = local.tags
}

# --- IAM -------------------------------------------------------------------------------------------------
locals {
  partners   = module.events.partner_queues
  env_suffix = { for p in keys(local.partners) : p => upper(replace(p, "-", "_")) }

  db_password_secret = var.db_auth == "password" ? { TACT_DB_PASSWORD = "${module.aurora.app_secret_arn}:password::" } : {}
  console_secrets = {
    TACT_CONSOLE_CLIENT_SECRET = aws_secretsmanager_secret.console_client.arn
    TACT_CONSOLE_PURGE_KEY     = aws_secretsmanager_secret.console_purge_key.arn
  }
  ciam_secrets = var.deploy_ciam_simulator ? { TACT_DEV_PASSWORD = aws_secretsmanager_secret.ciam_dev_password[0].arn } : {}
  # what each task's execution role injects: the data services the app login, the console its OIDC client secret
  # and purge key, the simulator its dev password
  task_secrets = merge(
    { for k in ["inbound", "outbound", "alerting"] : k => local.db_password_secret },
    { console = local.console_secrets },
    var.deploy_ciam_simulator ? { ciam = local.ciam_secrets } : {},
  )
  task_secret_arns = merge(
    { for k in ["inbound", "outbound", "alerting"] : k => var.db_auth == "password" ? [module.aurora.app_secret_arn] : [] },
    { console = [aws_secretsmanager_secret.console_client.arn, aws_secretsmanager_secret.console_purge_key.arn] },
    var.deploy_ciam_simulator ? { ciam = [aws_secretsmanager_secret.ciam_dev_password[0].arn] } : {},
  )
  # every queue and DLQ of the suite: the console shows, peeks, redrives and purges them
  suite_queue_arns = concat(
    [module.inbound.queue_arn, module.inbound.dlq_arn],
    flatten([for p in local.partners : [p.queue_arn, p.dlq_arn]]),
    [module.events.alerting_queue.queue_arn, module.events.alerting_queue.dlq_arn],
  )
}

module "iam" {
  source                = "../iam"
  env                   = var.env
  region                = var.region
  account_id            = local.account_id
  inbound_bucket_arn    = module.inbound.bucket_arn
  inbound_queue_arn     = module.inbound.queue_arn
  event_bus_arn         = module.events.bus_arn
  partner_queue_arns    = [for p in local.partners : p.queue_arn]
  partner_dlq_arns      = [for p in local.partners : p.dlq_arn]
  partner_secret_arns   = [for s in aws_secretsmanager_secret.partner : s.arn]
  topic_arns            = values(module.alerting.topic_arns)
  payload_bucket_arn    = module.alerting.payload_bucket_arn
  alerting_queue_arn    = module.events.alerting_queue.queue_arn
  kms_key_arns          = local.kms_on ? [local.kms_key_arn] : []
  metrics_log_group_arn = module.ecs.log_group_arns["metrics"]
  console = {
    queue_arns  = local.suite_queue_arns
    secret_arns = [aws_secretsmanager_secret.console_client.arn]
  }
  ciam_simulator = var.deploy_ciam_simulator
  db_iam_auth = var.db_auth == "iam" ? {
    cluster_resource_id = module.aurora.cluster_resource_id
    username            = module.aurora.app_username
  } : null
  execution = merge(
    { for k, arns in local.task_secret_arns : k => {
      repository_arns = [module.ecs.repository_arns[k], module.ecs.repository_arns["collector"]]
      log_group_arn   = module.ecs.log_group_arns[k]
      secret_arns     = arns
    } },
    { migration = {
      repository_arns = [module.ecs.repository_arns["migration"]]
      log_group_arn   = module.ecs.log_group_arns["migration"]
      secret_arns     = [module.aurora.migrator_secret_arn]
    } },
  )
  tags = local.tags
}

# --- compute ---------------------------------------------------------------------------------------------
locals {
  metrics_namespace = "TACT/${var.env}"
  database_environment = {
    TACT_JDBC_URL         = module.aurora.jdbc_url
    TACT_JDBC_READER_URL  = module.aurora.jdbc_reader_url
    TACT_DB_USER          = module.aurora.app_username
    SPRING_FLYWAY_ENABLED = "false" # the migration task owns the schema
  }
  # Whose access tokens every task accepts (docs/security.md). ECS drops a variable whose value is empty
  # (terraform-provider-aws issue 39533), so an empty audience, which turns the aud check off, cannot be passed
  # as TACT_OIDC_AUDIENCE=""; the services would fall back to "tact" and refuse Cognito's access tokens.
  # SPRING_APPLICATION_JSON sets the bound list itself, above application.yml.
  oidc_environment = merge(
    {
      TACT_OIDC_ISSUER      = var.oidc_issuer
      TACT_OIDC_ROLES_CLAIM = var.oidc_roles_claim
    },
    var.oidc_audience != "" ? { TACT_OIDC_AUDIENCE = var.oidc_audience } : {
      SPRING_APPLICATION_JSON                      = jsonencode({ tact = { security = { oidc = { audiences = [] } } } })
    },
    var.oidc_jwks_uri != null ? { TACT_OIDC_JWKS_URI = var.oidc_jwks_uri } : {},
  )
  partner_queue_environment = merge([for p, q in local.partners : {
    "TACT_OUTBOUND_${local.env_suffix[p]}_QUEUE" = q.queue
    "TACT_OUTBOUND_${local.env_suffix[p]}_DLQ"   = q.dlq
  }]...)
  service_environment = {
    inbound = {
      TACT_INBOUND_BUCKET = module.inbound.bucket_name
      TACT_INBOUND_QUEUE  = module.inbound.queue_name
    }
    outbound = merge(
      { TACT_EVENT_BUS = module.events.bus_name },
      local.partner_queue_environment,
      { for p in keys(local.partners) : "TACT_PARTNER_${local.env_suffix[p]}_SECRET_ID" => aws_secretsmanager_secret.partner[p].arn },
    )
    alerting = {
      TACT_ALERT_PAYLOAD_BUCKET    = module.alerting.payload_bucket_name
      TACT_ALERTING_EVENTS_QUEUE   = module.events.alerting_queue.queue
      TACT_ALERTING_TOPIC_CRITICAL = module.alerting.topic_arns["critical"]
      TACT_ALERTING_TOPIC_WARNING  = module.alerting.topic_arns["warning"]
      TACT_ALERTING_TOPIC_INFO     = module.alerting.topic_arns["info"]
    }
    # the console calls the services through the load balancer, with the signed-in person's token
    console = merge(
      {
        CONSOLE_PORT               = "8080"
        TACT_INBOUND_URL           = "${local.base_url}/inbound"
        TACT_OUTBOUND_URL          = "${local.base_url}/outbound"
        TACT_ALERTING_URL          = "${local.base_url}/alerting"
        TACT_INBOUND_BUCKET        = module.inbound.bucket_name
        TACT_INBOUND_PREFIX        = module.names.inbound.notificationPrefix
        TACT_INBOUND_QUEUE         = module.inbound.queue_name
        TACT_INBOUND_DLQ           = module.inbound.dlq_name
        TACT_ALERT_PAYLOAD_BUCKET  = module.alerting.payload_bucket_name
        TACT_ALERTING_EVENTS_QUEUE = module.events.alerting_queue.queue
        TACT_ALERTING_EVENTS_DLQ   = module.events.alerting_queue.dlq
      },
      local.partner_queue_environment,
    )
    # reached through the load balancer at /ciam, so its issuer is https://<dns_name>/ciam (a validation checks)
    ciam = {
      CIAM_HOST                  = "0.0.0.0" # it binds to loopback unless told otherwise
      CIAM_PORT                  = "8080"
      CIAM_CONSOLE_REDIRECT_URIS = "${local.base_url}/console/login/oauth2/code/ciam"
    }
  }
  database_services = toset(["inbound", "outbound", "alerting"])
  deployed_services = concat(["inbound", "outbound", "alerting", "console"], var.deploy_ciam_simulator ? ["ciam"] : [])
  # path rules on the listener, fixed so that a service added later moves no other rule
  rule_priorities = { alerting = 10, inbound = 11, outbound = 12, console = 13, ciam = 14 }
  scale_queues = {
    inbound  = [module.inbound.queue_name]
    outbound = [for p in local.partners : p.queue]
    alerting = []
    console  = []
    ciam     = []
  }
  # the simulator keeps its signing key and sessions in memory: exactly one task, or tokens fail at random
  ciam_sizing = { cpu = 512, memory = 1024, desired_count = 1, min_count = 1, max_count = 1, backlog_per_task = 0, environment = {} }
  sizing      = merge(var.services, var.deploy_ciam_simulator ? { ciam = local.ciam_sizing } : {})
  metric_declarations = [
    {
      dimensions            = [["service.name", "status"]]
      metric_name_selectors = ["^${replace(var.metric_names.inbound_files, ".", "\\.")}$"]
    },
    {
      dimensions            = [["service.name"]]
      metric_name_selectors = [for m in concat(values(var.metric_names.outbox_age), [var.metric_names.alerts_failed]) : "^${replace(m, ".", "\\.")}$"]
    },
  ]
}

module "ecs" {
  source              = "../ecs"
  env                 = var.env
  region              = var.region
  vpc_id              = var.vpc_id
  subnet_ids          = var.subnet_ids
  alb_subnet_ids      = coalesce(var.load_balancer.subnet_ids, var.subnet_ids)
  alb_internal        = var.load_balancer.internal
  alb_ingress_cidrs   = var.load_balancer.ingress_cidrs
  certificate_arn     = var.load_balancer.certificate_arn
  image_tag           = var.image_tag
  collector_version   = var.collector_version
  metrics_namespace   = local.metrics_namespace
  metric_declarations = local.metric_declarations
  log_retention_days  = var.log_retention_days
  kms_key_arn         = local.kms_key_arn
  common_environment  = merge({ TACT_ENV = var.env }, local.oidc_environment)
  services = { for k in local.deployed_services : k => {
    name             = k == "ciam" ? "ciam-simulator" : null
    path_prefix      = "/${k}"
    rule_priority    = local.rule_priorities[k]
    cpu              = local.sizing[k].cpu
    memory           = local.sizing[k].memory
    desired_count    = local.sizing[k].desired_count
    min_count        = local.sizing[k].min_count
    max_count        = local.sizing[k].max_count
    environment      = merge(contains(local.database_services, k) ? local.database_environment : {}, local.service_environment[k], local.sizing[k].environment)
    secrets          = local.task_secrets[k]
    scale_queues     = local.scale_queues[k]
    backlog_per_task = local.sizing[k].backlog_per_task
  } }
  task_role_arns      = module.iam.task_role_arns
  execution_role_arns = module.iam.execution_role_arns
  migration = {
    migrator_secret_arn = module.aurora.migrator_secret_arn
    jdbc_url            = module.aurora.jdbc_url
  }
  tags = local.tags
}

# --- alarms, DR ------------------------------------------------------------------------------------------
module "alarms" {
  source          = "../alarms"
  env             = var.env
  region          = var.region
  alarm_topic_arn = module.alerting.topic_arns["critical"]
  dlq_names = merge(
    { inbound = module.inbound.dlq_name, alerting = module.events.alerting_queue.dlq },
    { for p, q in local.partners : "partner-${p}" => q.dlq },
  )
  partner_dlq_names = { for p, q in local.partners : p => q.dlq }
  metrics_namespace = local.metrics_namespace
  metric_names      = var.metric_names
  thresholds        = var.alarm_thresholds
  dashboard = {
    cluster_name          = module.ecs.cluster_name
    service_names         = module.ecs.service_names
    alb_arn_suffix        = module.ecs.alb_arn_suffix
    target_group_suffixes = module.ecs.target_group_arn_suffixes
    db_cluster_identifier = module.aurora.cluster_identifier
    queue_names = merge(
      { inbound = module.inbound.queue_name, alerting = module.events.alerting_queue.queue },
      { for p, q in local.partners : "partner-${p}" => q.queue },
    )
  }
  tags = local.tags
}

module "dr" {
  source = "../dr"
  providers = {
    aws    = aws
    aws.dr = aws.dr
  }
  env            = var.env
  dr_region      = var.dr.region
  backup_enabled = var.dr.enabled
  db_cluster_arn = module.aurora.cluster_arn
  backup = {
    schedule            = var.dr.backup_schedule
    retention_days      = var.dr.backup_retention_days
    copy_retention_days = var.dr.backup_retention_days
  }
  replicated_buckets = var.dr.enabled ? {
    inbound  = { id = module.inbound.bucket_versioned_id, arn = module.inbound.bucket_arn }
    payloads = { id = module.alerting.payload_bucket_versioned_id, arn = module.alerting.payload_bucket_arn }
  } : {}
  replica_suffix               = "-${var.dr.region}"
  kms_key_arn                  = local.kms_key_arn
  dr_kms_key_arn               = var.dr.kms_key_arn
  kms_encrypted_sources        = local.kms_on
  event_bus_arn                = module.events.bus_arn
  event_archive_retention_days = var.dr.event_archive_retention_days
  tags                         = local.tags
}
