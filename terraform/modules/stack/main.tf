# The whole TACT cloud footprint of one environment; envs/<env> only choose values and the provider.
module "names" {
  source             = "../names"
  env                = var.env
  bucket_name_suffix = var.bucket_name_suffix
}

locals {
  tags = merge({ Project = "tact", Environment = var.env }, var.tags)
}

module "inbound" {
  source        = "../inbound"
  names         = module.names.inbound
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
  force_destroy           = var.force_destroy_buckets
  tags                    = local.tags
}

module "network" {
  source      = "../network"
  count       = var.create_vpc_endpoints ? 1 : 0
  name_prefix = "${var.env}-tact"
  region      = var.region
  vpc_id      = var.vpc_id
  subnet_ids  = var.subnet_ids
  tags        = local.tags
}

module "iam" {
  source              = "../iam"
  env                 = var.env
  inbound_bucket_arn  = module.inbound.bucket_arn
  inbound_queue_arns  = [module.inbound.queue_arn, module.inbound.dlq_arn]
  event_bus_arn       = module.events.bus_arn
  partner_queue_arns  = module.events.partner_queue_arns
  topic_arns          = values(module.alerting.topic_arns)
  payload_bucket_arn  = module.alerting.payload_bucket_arn
  alerting_queue_arns = module.events.alerting_queue_arns
  role_names          = var.service_role_names
  tags                = local.tags
}

module "aurora" {
  source              = "../aurora"
  count               = var.aurora.enabled ? 1 : 0
  name                = "${var.env}-tact-db"
  vpc_id              = var.vpc_id
  subnet_ids          = var.subnet_ids
  instance_class      = var.aurora.instance_class
  instance_count      = var.aurora.instance_count
  deletion_protection = var.aurora.deletion_protection
  tags                = local.tags
}
