variable "env" {
  description = "Environment; role names are <env>-<service>-service-task and <env>-<task>-execution."
  type        = string
}

variable "region" {
  type = string
}

variable "account_id" {
  type = string
}

variable "inbound_bucket_arn" {
  type = string
}

variable "merged_prefix" {
  description = "tact.inbound.merged-prefix of inbound-service (application.yml)."
  type        = string
  default     = "merged/"
}

variable "inbound_queue_arn" {
  type = string
}

variable "event_bus_arn" {
  type = string
}

variable "partner_queue_arns" {
  description = "Every partner's work queue."
  type        = list(string)
}

variable "partner_dlq_arns" {
  description = "Every partner's DLQ."
  type        = list(string)
}

variable "partner_secret_arns" {
  description = "Secrets Manager secrets holding the partners' OAuth client secrets."
  type        = list(string)
}

variable "topic_arns" {
  description = "Alert topics."
  type        = list(string)
}

variable "payload_bucket_arn" {
  type = string
}

variable "payload_prefix" {
  description = "Key prefix of offloaded alert bodies (SnsAlertPublisher.KEY_PREFIX)."
  type        = string
  default     = "alerts/"
}

variable "alerting_queue_arn" {
  type = string
}

variable "kms_key_arns" {
  description = "Customer-managed KMS keys of the buckets, topics and secrets, if any."
  type        = list(string)
  default     = []
}

variable "metrics_log_group_arn" {
  description = "Log group the collector writes metrics into (embedded metric format)."
  type        = string
}

variable "db_iam_auth" {
  description = "Set to grant rds-db:connect for IAM database authentication as this user; null when the services use the password secret."
  type = object({
    cluster_resource_id = string
    username            = string
  })
  default = null
}

variable "console" {
  description = "The operator console's task role: every queue and DLQ of the suite, and its client secret. null: no console."
  type = object({
    queue_arns  = list(string)
    secret_arns = list(string)
  })
  default = null
}

variable "ciam_simulator" {
  description = "A task role for the CIAM simulator (dev/QA only)."
  type        = bool
  default     = false
}

variable "execution" {
  description = "Task (inbound, outbound, alerting, console, ciam, migration) => what its execution role may read."
  type = map(object({
    repository_arns = list(string)
    log_group_arn   = string
    secret_arns     = list(string)
  }))
}

variable "tags" {
  type    = map(string)
  default = {}
}
