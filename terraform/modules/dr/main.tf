# Disaster recovery (targets and steps: docs/runbook-dr.md):
#   - AWS Backup takes the Aurora cluster daily and copies every recovery point to a vault in the DR region;
#   - S3 cross-region replication keeps a copy of the inbound files and the alert bodies in the DR region;
#   - an EventBridge archive keeps the bus's events for replay.
data "aws_caller_identity" "current" {}

# SSE-KMS objects replicate only into a KMS key of the destination region
resource "aws_kms_key" "dr" {
  count                   = var.kms_encrypted_sources && var.dr_kms_key_arn == null ? 1 : 0
  provider                = aws.dr
  description             = "${var.env}-tact DR copies"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = var.tags
}

locals {
  dr_kms_key_arn = var.dr_kms_key_arn != null ? var.dr_kms_key_arn : try(aws_kms_key.dr[0].arn, null)
  dr_kms         = var.kms_encrypted_sources || var.dr_kms_key_arn != null
}

# --- AWS Backup ------------------------------------------------------------------------------------------
resource "aws_backup_vault" "primary" {
  count       = var.backup_enabled ? 1 : 0
  name        = "${var.env}-tact"
  kms_key_arn = var.kms_key_arn
  tags        = var.tags
}

resource "aws_backup_vault" "dr" {
  count       = var.backup_enabled ? 1 : 0
  provider    = aws.dr
  name        = "${var.env}-tact-dr"
  kms_key_arn = local.dr_kms_key_arn
  tags        = var.tags
}

resource "aws_backup_plan" "aurora" {
  count = var.backup_enabled ? 1 : 0
  name  = "${var.env}-tact-aurora"
  tags  = var.tags

  rule {
    rule_name         = "daily-with-dr-copy"
    target_vault_name = aws_backup_vault.primary[0].name
    schedule          = var.backup.schedule
    start_window      = 60
    completion_window = 360

    lifecycle {
      delete_after = var.backup.retention_days
    }

    copy_action {
      destination_vault_arn = aws_backup_vault.dr[0].arn
      lifecycle {
        delete_after = var.backup.copy_retention_days
      }
    }
  }
}

resource "aws_iam_role" "backup" {
  count = var.backup_enabled ? 1 : 0
  name  = "${var.env}-tact-backup"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "backup.amazonaws.com" }
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "backup" {
  for_each = !var.backup_enabled ? toset([]) : toset([
    "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
    "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
  ])
  role       = aws_iam_role.backup[0].name
  policy_arn = each.value
}

resource "aws_backup_selection" "aurora" {
  count        = var.backup_enabled ? 1 : 0
  name         = "${var.env}-tact-aurora"
  plan_id      = aws_backup_plan.aurora[0].id
  iam_role_arn = aws_iam_role.backup[0].arn
  resources    = [var.db_cluster_arn]
}

# --- S3 cross-region replication ----------------------------------------------------------------------------
resource "aws_s3_bucket" "replica" {
  for_each = var.replicated_buckets
  provider = aws.dr
  bucket   = "${each.value.id}${var.replica_suffix}"
  tags     = var.tags
}

resource "aws_s3_bucket_ownership_controls" "replica" {
  for_each = aws_s3_bucket.replica
  provider = aws.dr
  bucket   = each.value.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "replica" {
  for_each                = aws_s3_bucket.replica
  provider                = aws.dr
  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "replica" {
  for_each = aws_s3_bucket.replica
  provider = aws.dr
  bucket   = each.value.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = local.dr_kms ? "aws:kms" : "AES256"
      kms_master_key_id = local.dr_kms_key_arn
    }
    bucket_key_enabled = local.dr_kms
  }
}

resource "aws_s3_bucket_versioning" "replica" {
  for_each = aws_s3_bucket.replica
  provider = aws.dr
  bucket   = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_iam_role" "replication" {
  count = length(var.replicated_buckets) > 0 ? 1 : 0
  name  = "${var.env}-tact-s3-replication"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "s3.amazonaws.com" }
      Condition = { StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
    }]
  })
  tags = var.tags
}

locals {
  replication_policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      {
        Sid      = "ReadSourceConfiguration"
        Effect   = "Allow"
        Action   = ["s3:GetReplicationConfiguration", "s3:ListBucket"]
        Resource = [for b in var.replicated_buckets : b.arn]
      },
      {
        Sid      = "ReadSourceVersions"
        Effect   = "Allow"
        Action   = ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"]
        Resource = [for b in var.replicated_buckets : "${b.arn}/*"]
      },
      {
        Sid      = "WriteReplicas"
        Effect   = "Allow"
        Action   = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"]
        Resource = [for b in aws_s3_bucket.replica : "${b.arn}/*"]
      },
      ], !var.kms_encrypted_sources ? [] : [{
        Sid      = "DecryptSource"
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = [var.kms_key_arn]
        }], !local.dr_kms ? [] : [{
        Sid      = "EncryptReplica"
        Effect   = "Allow"
        Action   = ["kms:Encrypt", "kms:GenerateDataKey"]
        Resource = [local.dr_kms_key_arn]
    }])
  })
}

resource "aws_iam_role_policy" "replication" {
  count  = length(var.replicated_buckets) > 0 ? 1 : 0
  name   = "replicate"
  role   = aws_iam_role.replication[0].id
  policy = local.replication_policy
}

resource "aws_s3_bucket_replication_configuration" "this" {
  for_each = var.replicated_buckets
  bucket   = each.value.id
  role     = aws_iam_role.replication[0].arn

  rule {
    id     = "to-${var.dr_region}"
    status = "Enabled"
    filter {}

    delete_marker_replication {
      status = "Enabled"
    }

    dynamic "source_selection_criteria" {
      for_each = var.kms_encrypted_sources ? [1] : []
      content {
        sse_kms_encrypted_objects {
          status = "Enabled"
        }
      }
    }

    destination {
      bucket        = aws_s3_bucket.replica[each.key].arn
      storage_class = "STANDARD_IA"

      dynamic "encryption_configuration" {
        for_each = local.dr_kms ? [1] : []
        content {
          replica_kms_key_id = local.dr_kms_key_arn
        }
      }
    }
  }

  depends_on = [aws_s3_bucket_versioning.replica]
}

# --- EventBridge archive -------------------------------------------------------------------------------------
resource "aws_cloudwatch_event_archive" "bus" {
  name             = "${var.env}-tact-events"
  event_source_arn = var.event_bus_arn
  retention_days   = var.event_archive_retention_days
  description      = "Every event on the bus, for replay after an outage (docs/runbook-dr.md)"
}
