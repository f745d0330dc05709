variable "env" {
  description = "Environment name substituted for {env} in cloud/resources.json (dev, prod, ...)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,15}$", var.env))
    error_message = "env must be lower-case letters, digits and dashes (it becomes part of S3 bucket names)."
  }
}

variable "bucket_name_suffix" {
  description = "Appended to every S3 bucket name from resources.json (e.g. \"-123456789012\"); empty keeps the JSON names."
  type        = string
  default     = ""

  validation {
    condition     = can(regex("^[a-z0-9-]*$", var.bucket_name_suffix))
    error_message = "bucket_name_suffix may only contain lower-case letters, digits and dashes."
  }
}
