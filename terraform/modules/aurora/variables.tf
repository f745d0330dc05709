variable "name" {
  description = "Cluster identifier, e.g. dev-tact-db."
  type        = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  description = "Private subnets in at least two AZs."
  type        = list(string)
}

variable "availability_zones" {
  description = "AZs the instances are spread over in order (writer first); empty lets RDS choose."
  type        = list(string)
  default     = []
}

variable "allowed_security_groups" {
  description = "Name => security group allowed on 5432 (the service tasks, the migration task). Nothing else is."
  type        = map(string)
  default     = {}
}

variable "engine_version" {
  type    = string
  default = "15.10"
}

variable "min_acu" {
  description = "Serverless v2 minimum capacity (ACU, 0.5 steps; 0 pauses an idle cluster where the engine version allows it)."
  type        = number
  default     = 0.5
}

variable "max_acu" {
  description = "Serverless v2 maximum capacity (ACU)."
  type        = number
  default     = 8

  validation {
    condition     = var.max_acu >= 1 && var.max_acu <= 256
    error_message = "max_acu must be between 1 and 256."
  }
}

variable "instance_count" {
  description = "1 = writer only; 2 or more adds readers behind the reader endpoint (and failover targets)."
  type        = number
  default     = 2

  validation {
    condition     = var.instance_count >= 1
    error_message = "instance_count must be at least 1."
  }
}

variable "database_name" {
  type    = string
  default = "tact"
}

variable "master_username" {
  type    = string
  default = "tact"
}

variable "app_username" {
  description = "The services' login (rows only)."
  type        = string
  default     = "tact_app"
}

variable "migrator_username" {
  description = "The schema owner Flyway runs as."
  type        = string
  default     = "tact_migrator"
}

variable "master_password" {
  description = "Only with global_cluster (RDS cannot manage a global member's master password): the master password, write-only."
  type        = string
  default     = null
  sensitive   = true
}

variable "master_password_version" {
  description = "Bump when master_password changes."
  type        = number
  default     = 1
}

variable "kms_key_arn" {
  description = "Customer-managed key for storage, Performance Insights and the secrets; null uses the AWS-managed keys."
  type        = string
  default     = null
}

variable "backup_retention_days" {
  type    = number
  default = 7
}

variable "backup_window" {
  type    = string
  default = "02:00-03:00"
}

variable "snapshot_identifier" {
  description = "Create the cluster from this snapshot (ARN or id), e.g. a copy in the DR vault after a region loss (docs/runbook-dr.md); null creates an empty cluster. Changing it later replaces the cluster."
  type        = string
  default     = null
}

variable "global_cluster" {
  description = "Make this cluster the primary of an Aurora Global Database (a secondary cluster in the DR region joins it from that region's stack)."
  type        = bool
  default     = false
}

variable "deletion_protection" {
  description = "Protect the cluster and take a final snapshot on destroy (prod)."
  type        = bool
  default     = true
}

variable "tags" {
  type    = map(string)
  default = {}
}
