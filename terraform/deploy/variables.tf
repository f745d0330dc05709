variable "env" {
  description = "Replaces {env} in cloud/resources.json (dev, prod, ...)."
  type        = string
}

variable "region" {
  description = "AWS region; null uses the region of cloud/resources.json."
  type        = string
  default     = null
}

variable "bucket_name_suffix" {
  description = "Appended to the bucket names of resources.json (bucket names are global). null = \"-<account id>\"; \"\" keeps the JSON names."
  type        = string
  default     = null
}

variable "vpc_id" {
  description = "VPC of the services: gets the tasks, Aurora, the load balancer and the VPC endpoints."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the tasks and Aurora, one per AZ (at least two)."
  type        = list(string)
}

# a flag, not "vpc_id != null": count must be known at plan time, a VPC id created alongside is not
variable "create_vpc_endpoints" {
  description = "Create the S3 gateway and the interface endpoints (interface_endpoints)."
  type        = bool
  default     = true
}

variable "interface_endpoints" {
  description = "AWS services that get an interface endpoint; null = the network module's list (+ kms with a customer key)."
  type        = list(string)
  default     = null
}

variable "load_balancer" {
  description = "dns_name: the name the certificate is for, pointed at the load balancer (https://<dns_name>/console/, the console's links and sign-in redirect)."
  type = object({
    dns_name        = string
    certificate_arn = string
    internal        = optional(bool, true)
    subnet_ids      = optional(list(string)) # null: subnet_ids
    ingress_cidrs   = list(string)
  })
}

variable "kms" {
  description = "create: a customer-managed key for this environment; key_arn: use an existing one; neither: AWS-managed encryption."
  type = object({
    create  = optional(bool, false)
    key_arn = optional(string)
  })
  default = {}
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

variable "aurora" {
  type = object({
    engine_version        = optional(string, "15.10")
    min_acu               = optional(number, 0.5)
    max_acu               = optional(number, 8)
    instance_count        = optional(number, 2)
    availability_zones    = optional(list(string), [])
    deletion_protection   = optional(bool, true)
    backup_retention_days = optional(number, 7)
    global_cluster        = optional(bool, false)
    snapshot_identifier   = optional(string) # restore from a snapshot (runbook-dr.md)
    # name => security group of an admin host (bastion, SSM port-forwarding instance) that runs bootstrap-db.sh
    admin_security_groups = optional(map(string), {})
  })
  default = {}
}

variable "aurora_master_password" {
  description = "Only when aurora.global_cluster: the master password (RDS cannot manage it for a global database member). Pass TF_VAR_aurora_master_password; it goes to a write-only attribute and is never stored in the state (a saved plan file does hold it)."
  type        = string
  default     = null
  sensitive   = true
}

variable "db_auth" {
  description = "How the services log in as the application role: password (secret injected as TACT_DB_PASSWORD) or iam (rds-db:connect; the services need the AWS JDBC wrapper's iam plugin)."
  type        = string
  default     = "password"

  validation {
    condition     = contains(["password", "iam"], var.db_auth)
    error_message = "db_auth is password or iam."
  }
}

variable "services" {
  description = "Sizing per service. backlog_per_task: messages per task that autoscaling aims at (inbound, outbound)."
  type = map(object({
    cpu              = optional(number, 1024)
    memory           = optional(number, 2048)
    desired_count    = optional(number, 2)
    min_count        = optional(number, 2)
    max_count        = optional(number, 6)
    backlog_per_task = optional(number, 100)
    environment      = optional(map(string), {})
  }))
  default = {
    inbound  = { backlog_per_task = 4 }
    outbound = {}
    alerting = {}
    console  = { cpu = 512, memory = 1024, min_count = 1, max_count = 3 }
  }

  validation {
    condition     = toset(keys(var.services)) == toset(["inbound", "outbound", "alerting", "console"])
    error_message = "services has exactly the keys inbound, outbound, alerting and console (the CIAM simulator's size is fixed: one task)."
  }
}

variable "oidc_issuer" {
  description = "The OpenID Connect issuer whose access tokens every service accepts (TACT_OIDC_ISSUER): exactly the iss of its tokens. Cognito: https://cognito-idp.<region>.amazonaws.com/<user pool id>; the CIAM simulator: https://<load_balancer.dns_name>/ciam."
  type        = string

  validation {
    # a token's iss is compared as a string, so whitespace or a fragment would match nothing
    condition     = can(regex(var.env == "prod" ? "^https://[^/\\s?#]+(/[^\\s?#]*)?$" : "^https?://[^/\\s?#]+(/[^\\s?#]*)?$", var.oidc_issuer))
    error_message = "oidc_issuer is an https URL without query or fragment (http is allowed outside prod)."
  }
}

variable "oidc_audience" {
  description = "What a token's aud must name (TACT_OIDC_AUDIENCE); \"\" turns the audience check off (Cognito access tokens carry client_id, no aud)."
  type        = string
  default     = "tact"
  nullable    = false
}

variable "oidc_roles_claim" {
  description = "The claim holding the role names viewer, operator, admin (TACT_OIDC_ROLES_CLAIM): roles, a dotted path such as realm_access.roles, or cognito:groups."
  type        = string
  default     = "roles"
  nullable    = false

  validation {
    condition     = trimspace(var.oidc_roles_claim) != ""
    error_message = "oidc_roles_claim names a claim."
  }
}

variable "oidc_jwks_uri" {
  description = "The issuer's key set URL (TACT_OIDC_JWKS_URI); null: found through the issuer's /.well-known/openid-configuration."
  type        = string
  default     = null

  validation {
    condition     = var.oidc_jwks_uri == null || can(regex("^https?://[^/\\s]+", var.oidc_jwks_uri))
    error_message = "oidc_jwks_uri is an http(s) URL or null."
  }
}

variable "deploy_ciam_simulator" {
  description = "Run the CIAM simulator (a local OpenID Connect provider with dev users and a dev password) as an ECS service at https://<load_balancer.dns_name>/ciam. dev/QA only: refused for prod."
  type        = bool
  default     = false

  validation {
    condition     = !(var.deploy_ciam_simulator && var.env == "prod")
    error_message = "The CIAM simulator is never deployed to prod: its users share a dev password and its /sim API has no credential."
  }
  validation {
    # the simulator is reached only through the load balancer, and its tokens carry the issuer it is configured with
    condition     = !var.deploy_ciam_simulator || var.oidc_issuer == "https://${var.load_balancer.dns_name}/ciam"
    error_message = "With deploy_ciam_simulator, oidc_issuer is https://<load_balancer.dns_name>/ciam."
  }
}

variable "image_tag" {
  description = "Image tag of the services (and of the migration image) in ECR."
  type        = string
}

variable "collector_version" {
  description = "AWS Distro for OpenTelemetry collector tag (amazon/aws-otel-collector), copied by the pipeline into the environment's ECR."
  type        = string
  default     = "v0.43.3"
}

variable "log_retention_days" {
  type    = number
  default = 30
}

variable "metric_names" {
  description = "The services' metrics as OTLP names (Micrometer's dotted names): what the collector exports and the alarms watch."
  type = object({
    inbound_files = optional(string, "tact.inbound.files")
    outbox_age = optional(map(string), {
      alerting = "tact.alerting.outbox.oldest.age"
      outbound = "tact.outbox.oldest.age"
    })
    alerts_failed = optional(string, "tact.alerting.alerts.failed")
  })
  default = {}
}

variable "alarm_thresholds" {
  type = object({
    rejected_files_per_15m = optional(number, 5)
    dead_lettered_per_15m  = optional(number, 0)
    outbox_age_seconds     = optional(number, 300)
    alerts_failed_per_15m  = optional(number, 0)
  })
  default = {}
}

variable "dr" {
  description = "Cross-region copies: Aurora backups (AWS Backup), S3 replication of both buckets, plus the bus archive (always on)."
  type = object({
    enabled                      = optional(bool, false)
    region                       = optional(string, "us-west-2")
    kms_key_arn                  = optional(string)
    backup_schedule              = optional(string, "cron(0 3 * * ? *)")
    backup_retention_days        = optional(number, 35)
    event_archive_retention_days = optional(number, 14)
  })
  default = {}
}
