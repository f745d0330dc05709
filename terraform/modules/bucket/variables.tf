variable "name" {
  description = "Bucket name."
  type        = string
}

variable "versioning" {
  description = "Keep object versions."
  type        = bool
  default     = false
}

variable "expiration_days" {
  description = "Delete current objects this many days after creation; null keeps them."
  type        = number
  default     = null
}

variable "noncurrent_version_expiration_days" {
  description = "Delete overwritten versions this many days after they became noncurrent; null keeps them."
  type        = number
  default     = null
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for SSE-KMS; null uses SSE-S3 (AES256)."
  type        = string
  default     = null
}

variable "force_destroy" {
  description = "Allow terraform destroy to delete a non-empty bucket (dev only)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for the bucket."
  type        = map(string)
  default     = {}
}
