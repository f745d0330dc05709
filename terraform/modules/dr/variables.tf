variable "env" {
  type = string
}

variable "dr_region" {
  description = "Region of the copies (the aws.dr provider's region)."
  type        = string
}

# a flag besides the ARN: count must be known at plan time, the cluster's ARN is not
variable "backup_enabled" {
  description = "Back the Aurora cluster up with AWS Backup, copying to the DR region."
  type        = bool
}

variable "db_cluster_arn" {
  description = "The Aurora cluster."
  type        = string
}

variable "backup" {
  type = object({
    schedule            = optional(string, "cron(0 3 * * ? *)")
    retention_days      = optional(number, 35)
    copy_retention_days = optional(number, 35)
  })
  default = {}
}

variable "replicated_buckets" {
  description = "Key => source bucket (versioned) replicated to a bucket of the same name + replica_suffix in the DR region."
  type = map(object({
    id  = string
    arn = string
  }))
}

variable "replica_suffix" {
  description = "Appended to a source bucket name for its replica (bucket names are global)."
  type        = string
}

variable "kms_key_arn" {
  description = "Key of the source buckets and the primary backup vault; null for AWS-managed encryption."
  type        = string
  default     = null
}

variable "dr_kms_key_arn" {
  description = "Key in the DR region for the replicas and the copy vault; null: one is created when kms_encrypted_sources, else AWS-managed encryption."
  type        = string
  default     = null
}

# a flag besides kms_key_arn: count must be known at plan time, a key created in the same run is not
variable "kms_encrypted_sources" {
  description = "The source buckets use SSE-KMS: S3 replication then needs a KMS key in the DR region too."
  type        = bool
  default     = false
}

variable "event_bus_arn" {
  type = string
}

variable "event_archive_retention_days" {
  description = "Days the bus's events are kept for replay (0 = forever)."
  type        = number
  default     = 14
}

variable "tags" {
  type    = map(string)
  default = {}
}
