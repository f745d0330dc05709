variable "names" {
  description = "The alerting section of resources.json, from the names module."
  type = object({
    payloadBucket = string
    topics        = map(string)
  })
}

variable "alert_emails" {
  description = "Addresses subscribed to the alert topics; each recipient must confirm the mail AWS sends."
  type        = list(string)
  default     = []
}

variable "email_severities" {
  description = "Severities (keys of alerting.topics) whose topics the addresses are subscribed to."
  type        = list(string)
  default     = ["critical", "warning", "info"]
}

variable "payload_expiration_days" {
  description = "Days an offloaded alert body is kept; the alert mail's pointer is dead after that."
  type        = number
  default     = 30
}

variable "sns_kms_key_id" {
  description = "KMS key for SNS encryption at rest; null leaves the topics unencrypted. A customer key needs a key policy for the publishers."
  type        = string
  default     = null
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for the payload bucket; null uses SSE-S3."
  type        = string
  default     = null
}

variable "versioning" {
  description = "Keep object versions (needed by cross-region replication)."
  type        = bool
  default     = false
}

variable "force_destroy" {
  description = "Allow destroying a non-empty payload bucket (dev only)."
  type        = bool
  default     = false
}

variable "tags" {
  type    = map(string)
  default = {}
}
