variable "name" {
  description = "Cluster identifier, e.g. dev-tact-db."
  type        = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  description = "Private subnets in at least two AZs."
  type        = list(string)
}

variable "allowed_cidrs" {
  description = "CIDRs allowed on 5432; empty means the VPC CIDR."
  type        = list(string)
  default     = []
}

variable "engine_version" {
  type    = string
  default = "16.6"
}

variable "instance_class" {
  type    = string
  default = "db.t4g.medium"
}

variable "instance_count" {
  description = "1 = writer only; 2 or more adds readers behind the reader endpoint."
  type        = number
  default     = 2

  validation {
    condition     = var.instance_count >= 1
    error_message = "instance_count must be at least 1."
  }
}

variable "database_name" {
  type    = string
  default = "tact"
}

variable "master_username" {
  type    = string
  default = "tact"
}

variable "backup_retention_days" {
  type    = number
  default = 7
}

variable "deletion_protection" {
  description = "Protect the cluster and take a final snapshot on destroy (prod)."
  type        = bool
  default     = true
}

variable "tags" {
  type    = map(string)
  default = {}
}
