variable "env" {
  type = string
}

variable "region" {
  type = string
}

variable "bucket_name_suffix" {
  type    = string
  default = ""
}

variable "vpc_id" {
  description = "VPC of the services: gets the VPC endpoints and Aurora."
  type        = string
}

# a flag, not "vpc_id != null": count must be known at plan time, a VPC id created alongside is not
variable "create_vpc_endpoints" {
  description = "Create the S3 gateway and SNS/SQS/EventBridge interface endpoints."
  type        = bool
  default     = true
}

variable "subnet_ids" {
  type    = list(string)
  default = []
}

variable "alert_emails" {
  type    = list(string)
  default = []
}

variable "alert_email_severities" {
  type    = list(string)
  default = ["critical", "warning", "info"]
}

variable "payload_expiration_days" {
  type    = number
  default = 30
}

variable "force_destroy_buckets" {
  type    = bool
  default = false
}

variable "service_role_names" {
  type    = map(string)
  default = {}
}

variable "aurora" {
  type = object({
    enabled             = bool
    instance_class      = optional(string, "db.t4g.medium")
    instance_count      = optional(number, 2)
    deletion_protection = optional(bool, true)
  })
  default = { enabled = false }
}

variable "tags" {
  type    = map(string)
  default = {}
}
