variable "names" {
  description = "The inbound section of resources.json, from the names module."
  type = object({
    bucket                   = string
    notificationPrefix       = string
    queue                    = string
    dlq                      = string
    maxReceiveCount          = number
    visibilityTimeoutSeconds = number
  })
}

variable "noncurrent_version_expiration_days" {
  description = "Days an overwritten file version is kept (the audit trail of re-delivered files)."
  type        = number
  default     = 90
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for the bucket; null uses SSE-S3."
  type        = string
  default     = null
}

variable "force_destroy" {
  description = "Allow destroying a non-empty bucket (dev only)."
  type        = bool
  default     = false
}

variable "tags" {
  type    = map(string)
  default = {}
}
