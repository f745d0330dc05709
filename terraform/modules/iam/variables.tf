variable "env" {
  description = "Environment; policy names are <env>-<service>-service."
  type        = string
}

variable "inbound_bucket_arn" {
  type = string
}

variable "inbound_queue_arns" {
  description = "Inbound queue and its DLQ."
  type        = list(string)
}

variable "event_bus_arn" {
  type = string
}

variable "partner_queue_arns" {
  description = "Every partner queue and DLQ."
  type        = list(string)
}

variable "topic_arns" {
  description = "Alert topics."
  type        = list(string)
}

variable "payload_bucket_arn" {
  type = string
}

variable "alerting_queue_arns" {
  description = "Alerting event queue and its DLQ."
  type        = list(string)
}

variable "kms_key_arns" {
  description = "Customer-managed KMS keys of the buckets, if any."
  type        = list(string)
  default     = []
}

variable "role_names" {
  description = "Service (inbound, outbound, alerting) => existing IAM role name to attach its policy to."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.role_names) : contains(["inbound", "outbound", "alerting"], k)])
    error_message = "role_names keys must be inbound, outbound or alerting."
  }
}

variable "tags" {
  type    = map(string)
  default = {}
}
