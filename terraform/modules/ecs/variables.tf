variable "env" {
  type = string
}

variable "region" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  description = "Private subnets of the tasks."
  type        = list(string)
}

variable "alb_subnet_ids" {
  description = "Subnets of the load balancer (public ones when it is internet-facing)."
  type        = list(string)
}

variable "alb_internal" {
  description = "An internal load balancer (operators reach it through the corporate network)."
  type        = bool
  default     = true
}

variable "alb_ingress_cidrs" {
  description = "Who may call the load balancer on 443."
  type        = list(string)
}

variable "certificate_arn" {
  description = "ACM certificate of the HTTPS listener."
  type        = string
}

variable "services" {
  description = "Service (inbound, outbound, alerting, console, ciam) => how it runs. environment and secrets (variable => Secrets Manager valueFrom) are merged over the common ones."
  type = map(object({
    # the module: container, task family, ECS service, repository and log group names; null = "<key>-service"
    name          = optional(string)
    path_prefix   = string
    rule_priority = number # of its path rule on the HTTPS listener; fixed per service so that adding one moves no other
    cpu           = number
    memory        = number
    desired_count = number
    min_count     = number
    max_count     = number
    environment   = map(string)
    secrets       = map(string)
    # scaling on backlog: the queues whose visible messages are summed and the messages per task to aim at;
    # no queues means CPU target tracking
    scale_queues         = list(string)
    backlog_per_task     = number
    health_check_grace_s = optional(number, 120)
  }))
}

variable "task_role_arns" {
  description = "Service => task role (a variable of its own: the roles' policies name this module's log group)."
  type        = map(string)
}

variable "execution_role_arns" {
  description = "Task (the services and migration) => execution role."
  type        = map(string)
}

variable "common_environment" {
  type    = map(string)
  default = {}
}

variable "common_secrets" {
  type    = map(string)
  default = {}
}

variable "image_tag" {
  description = "Tag of the service images in ECR (the pipeline's build)."
  type        = string
}

variable "collector_version" {
  description = "Tag of the AWS Distro for OpenTelemetry collector, copied by the pipeline into this environment's <env>-aws-otel-collector repository."
  type        = string
}

variable "metrics_namespace" {
  description = "CloudWatch namespace the collector writes the services' metrics into."
  type        = string
}

variable "metric_declarations" {
  description = "awsemf metric_declarations: which OTLP metrics become CloudWatch metrics, with which dimensions."
  type = list(object({
    dimensions            = list(list(string))
    metric_name_selectors = list(string)
  }))
}

variable "log_retention_days" {
  type    = number
  default = 30
}

variable "kms_key_arn" {
  description = "Key for the log groups and ECR; null uses AWS-managed encryption."
  type        = string
  default     = null
}

variable "cpu_architecture" {
  description = "X86_64 or ARM64 (the images must be built for it)."
  type        = string
  default     = "X86_64"
}

variable "migration" {
  description = "The one-off Flyway task: its execution role and the migrator secret."
  type = object({
    migrator_secret_arn = string
    jdbc_url            = string
    flyway_image_tag    = optional(string)
  })
}

variable "tags" {
  type    = map(string)
  default = {}
}
