variable "name_prefix" {
  description = "Prefix of the security group and endpoint Name tags, e.g. \"dev-tact\"."
  type        = string
}

variable "region" {
  description = "Region of the VPC (endpoint service names contain it)."
  type        = string
}

variable "vpc_id" {
  description = "VPC the services run in; it needs enableDnsSupport and enableDnsHostnames for private DNS."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets (one per AZ) that get an interface endpoint network interface."
  type        = list(string)
}

variable "route_table_ids" {
  description = "Route tables for the S3 gateway endpoint; null means every route table of the VPC."
  type        = list(string)
  default     = null
}

variable "interface_services" {
  description = "AWS services that get an interface endpoint. Drop one the VPC already has: two endpoints with private DNS for one service conflict. Without a NAT the tasks need all of the default list (ECR through ecr.api + ecr.dkr + the S3 gateway, secrets injected through secretsmanager, logs, X-Ray for the collector); add kms with a customer key."
  type        = list(string)
  default     = ["sns", "sqs", "events", "secretsmanager", "ecr.api", "ecr.dkr", "logs", "xray", "sts"]
}

variable "extra_ingress_cidrs" {
  description = "Further CIDRs (e.g. a peered VPC) allowed to reach the endpoints on 443."
  type        = list(string)
  default     = []
}

variable "tags" {
  type    = map(string)
  default = {}
}
