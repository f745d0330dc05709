# Aurora PostgreSQL Serverless v2 for the shared schema: one writer and (instance_count - 1) readers, all
# db.serverless within the ACU range. The master password is generated and kept (and rotated) in Secrets
# Manager by RDS: nothing secret passes through Terraform, and no service uses the master user.
#
# Two more logins, created once per cluster by the bootstrap SQL of docs/infrastructure.md:
#   tact_migrator  owns the schema; the one-off migration task runs Flyway as it
#   tact_app       reads and writes rows only; the services connect as it (password secret, or IAM auth)
# Terraform makes their two secrets empty; terraform/bootstrap-db.sh (run once per cluster as the master user)
# generates the passwords, creates the roles with them and puts them into the secrets: no password is ever
# in Terraform's state or plan.
resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
  tags       = var.tags
}

resource "aws_security_group" "db" {
  name        = "${var.name}-db"
  description = "PostgreSQL from the TACT service tasks only"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-db" })
}

resource "aws_vpc_security_group_ingress_rule" "postgres" {
  # keys known at plan time: the caller names the sources, the group ids may be created in the same run
  for_each                     = var.allowed_security_groups
  security_group_id            = aws_security_group.db.id
  description                  = "PostgreSQL from ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = each.value
}

resource "aws_rds_global_cluster" "this" {
  count                        = var.global_cluster ? 1 : 0
  global_cluster_identifier    = "${var.name}-global"
  source_db_cluster_identifier = aws_rds_cluster.this.arn
  force_destroy                = true
  deletion_protection          = var.deletion_protection
}

resource "aws_rds_cluster" "this" {
  cluster_identifier = var.name
  engine             = "aurora-postgresql"
  engine_mode        = "provisioned"
  engine_version     = var.engine_version
  database_name      = var.database_name
  master_username    = var.master_username
  # RDS cannot manage the master password of a cluster in a global database: then the operator passes one
  # (TF_VAR_aurora_master_password, write-only: never in the state) and keeps it in a secret
  manage_master_user_password         = var.global_cluster ? null : true
  master_user_secret_kms_key_id       = var.global_cluster ? null : var.kms_key_arn
  master_password_wo                  = var.global_cluster ? var.master_password : null
  master_password_wo_version          = var.global_cluster ? var.master_password_version : null
  iam_database_authentication_enabled = true
  db_subnet_group_name                = aws_db_subnet_group.this.name
  vpc_security_group_ids              = [aws_security_group.db.id]
  storage_encrypted                   = true
  kms_key_id                          = var.kms_key_arn
  backup_retention_period             = var.backup_retention_days
  preferred_backup_window             = var.backup_window
  enabled_cloudwatch_logs_exports     = ["postgresql"]
  deletion_protection                 = var.deletion_protection
  skip_final_snapshot                 = !var.deletion_protection
  final_snapshot_identifier           = var.deletion_protection ? "${var.name}-final" : null
  copy_tags_to_snapshot               = true
  snapshot_identifier                 = var.snapshot_identifier
  tags                                = var.tags

  serverlessv2_scaling_configuration {
    min_capacity = var.min_acu
    max_capacity = var.max_acu
  }

  # joining a global cluster is done by aws_rds_global_cluster (source_db_cluster_identifier)
  lifecycle {
    ignore_changes = [global_cluster_identifier]
  }
}

resource "aws_rds_cluster_instance" "this" {
  count                           = var.instance_count
  identifier                      = "${var.name}-${count.index}"
  cluster_identifier              = aws_rds_cluster.this.id
  engine                          = aws_rds_cluster.this.engine
  engine_version                  = aws_rds_cluster.this.engine_version
  instance_class                  = "db.serverless"
  db_subnet_group_name            = aws_db_subnet_group.this.name
  availability_zone               = length(var.availability_zones) > 0 ? var.availability_zones[count.index % length(var.availability_zones)] : null
  promotion_tier                  = count.index
  performance_insights_enabled    = true
  performance_insights_kms_key_id = var.kms_key_arn
  auto_minor_version_upgrade      = true
  tags                            = var.tags
}

# The logins of the migration task and of the services: {"username", "password"}, put by bootstrap-db.sh.
resource "aws_secretsmanager_secret" "login" {
  for_each                = local.logins
  name                    = "${var.name}/${each.key}"
  description             = "${each.value} login of ${var.name}: {\"username\", \"password\"} (terraform/bootstrap-db.sh puts it)"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.deletion_protection ? 30 : 0
  tags                    = var.tags
}

locals {
  logins = {
    (var.app_username)      = "application"
    (var.migrator_username) = "schema owner (Flyway)"
  }
}
