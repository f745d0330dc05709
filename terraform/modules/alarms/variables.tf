variable "env" {
  type = string
}

variable "region" {
  type = string
}

variable "alarm_topic_arn" {
  description = "Where every alarm goes (the critical alert topic)."
  type        = string
}

variable "dlq_names" {
  description = "Key => DLQ name: every DLQ of the stack (inbound, each partner, alerting)."
  type        = map(string)
}

variable "partner_dlq_names" {
  description = "Partner => DLQ name: outbound-service sends a DEAD_LETTERED delivery there itself (SqsPartnerQueues.deadLetter), so NumberOfMessagesSent counts them."
  type        = map(string)
}

variable "metrics_namespace" {
  description = "Namespace of the services' metrics (the collector's awsemf exporter)."
  type        = string
}

variable "metric_names" {
  description = "Names of the services' metrics as they reach CloudWatch."
  type = object({
    inbound_files = string      # counter, attribute status (DONE, REJECTED, ...)
    outbox_age    = map(string) # service => gauge of the oldest unpublished outbox row, seconds
    alerts_failed = string      # counter of alerts marked FAILED
  })
}

variable "thresholds" {
  type = object({
    rejected_files_per_15m = number
    dead_lettered_per_15m  = number
    outbox_age_seconds     = number
    alerts_failed_per_15m  = number
  })
}

variable "dashboard" {
  description = "What the dashboard shows besides the alarms."
  type = object({
    cluster_name          = string
    service_names         = map(string)
    alb_arn_suffix        = string
    target_group_suffixes = map(string)
    db_cluster_identifier = string
    queue_names           = map(string)
  })
}

variable "tags" {
  type    = map(string)
  default = {}
}
