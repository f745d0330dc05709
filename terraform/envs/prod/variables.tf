variable "env" {
  description = "Replaces {env} in cloud/resources.json."
  type        = string
  default     = "prod"
}

variable "region" {
  description = "AWS region; null uses the region of cloud/resources.json."
  type        = string
  default     = null
}

variable "vpc_id" {
  description = "VPC of the services (gets the VPC endpoints and Aurora)."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the services, one per AZ."
  type        = list(string)
}

variable "alert_emails" {
  description = "Alert recipients; each must confirm the subscription mail from AWS before getting alerts."
  type        = list(string)
  default     = []
}

variable "alert_email_severities" {
  description = "Severities the recipients are subscribed to."
  type        = list(string)
  default     = ["critical", "warning", "info"]
}

variable "bucket_name_suffix" {
  description = "Appended to the S3 bucket names of resources.json when they are taken in another account; the services then need TACT_INBOUND_BUCKET / TACT_ALERT_PAYLOAD_BUCKET from the service_env output."
  type        = string
  default     = ""
}

variable "service_role_names" {
  description = "Optional: service (inbound, outbound, alerting) => existing IAM role that gets its policy."
  type        = map(string)
  default     = {}
}

variable "enable_aurora" {
  description = "Create the Aurora PostgreSQL cluster (a writer and a reader in prod)."
  type        = bool
  default     = true
}
