# The prod deployment, planned and "applied" against a mocked AWS provider (nothing reaches AWS):
#   terraform -chdir=terraform/deploy test -filter=tests/prod.tftest.hcl -var-file=../envs/prod/prod.tfvars
# (terraform/validate.sh runs it). Assertions read the real generated JSON: IAM policies, task definitions.
mock_provider "aws" {
  source = "./tests/mocks/aws"
}

mock_provider "aws" {
  alias  = "dr"
  source = "./tests/mocks/aws-dr"
}

# one ARN per bucket and queue the IAM assertions name, so that a grant on the wrong one fails
override_resource {
  target = module.tact.module.inbound.module.bucket.aws_s3_bucket.this
  values = { arn = "arn:aws:s3:::prod-inbound-files-222222222222" }
}
override_resource {
  target = module.tact.module.alerting.module.payload_bucket.aws_s3_bucket.this
  values = { arn = "arn:aws:s3:::prod-alerting-payloads-222222222222" }
}
override_resource {
  target = module.tact.module.inbound.module.queue.aws_sqs_queue.this
  values = { arn = "arn:aws:sqs:us-east-1:222222222222:prod-inbound-files", id = "https://sqs.us-east-1.amazonaws.com/222222222222/prod-inbound-files" }
}
override_resource {
  target = module.tact.module.events.module.queue["partner-custodian-a"].aws_sqs_queue.this
  values = { arn = "arn:aws:sqs:us-east-1:222222222222:prod-outbound-custodian-a", id = "https://sqs.us-east-1.amazonaws.com/222222222222/prod-outbound-custodian-a" }
}
override_resource {
  target = module.tact.module.events.module.queue["partner-custodian-a"].aws_sqs_queue.dlq
  values = { arn = "arn:aws:sqs:us-east-1:222222222222:prod-outbound-custodian-a-dlq", id = "https://sqs.us-east-1.amazonaws.com/222222222222/prod-outbound-custodian-a-dlq" }
}
override_resource {
  target = module.tact.module.events.module.queue["alerting"].aws_sqs_queue.this
  values = { arn = "arn:aws:sqs:us-east-1:222222222222:prod-alerting-events", id = "https://sqs.us-east-1.amazonaws.com/222222222222/prod-alerting-events" }
}

# one ARN per topic, so that "every alarm goes to the critical topic" can fail
override_resource {
  target = module.tact.module.alerting.aws_sns_topic.severity["critical"]
  values = { arn = "arn:aws:sns:us-east-1:222222222222:prod-alerting-critical" }
}
override_resource {
  target = module.tact.module.alerting.aws_sns_topic.severity["warning"]
  values = { arn = "arn:aws:sns:us-east-1:222222222222:prod-alerting-warning" }
}
override_resource {
  target = module.tact.module.alerting.aws_sns_topic.severity["info"]
  values = { arn = "arn:aws:sns:us-east-1:222222222222:prod-alerting-info" }
}

# Aurora Serverless v2, writer + reader in two AZs
run "aurora_serverless_v2_writer_and_reader" {
  # the mocked apply: every later run plans against its state (no changes) and reads the values
  command = apply

  assert {
    condition     = module.tact.inspect.aurora.cluster.engine_mode == "provisioned" && one(module.tact.inspect.aurora.cluster.serverlessv2_scaling_configuration).min_capacity == 1 && one(module.tact.inspect.aurora.cluster.serverlessv2_scaling_configuration).max_capacity == 16
    error_message = "Aurora must be Serverless v2 with the ACU range of prod.tfvars"
  }
  assert {
    condition     = length(module.tact.inspect.aurora.instances) == 2 && alltrue([for i in module.tact.inspect.aurora.instances : i.instance_class == "db.serverless" && i.performance_insights_enabled])
    error_message = "prod has a writer and a reader, both db.serverless with Performance Insights"
  }
  assert {
    condition     = toset([for i in module.tact.inspect.aurora.instances : i.availability_zone]) == toset(["us-east-1a", "us-east-1b"])
    error_message = "writer and reader in two AZs"
  }
  assert {
    condition = alltrue([
      module.tact.inspect.aurora.cluster.iam_database_authentication_enabled,
      module.tact.inspect.aurora.cluster.storage_encrypted,
      module.tact.inspect.aurora.cluster.kms_key_id == "arn:aws:kms:us-east-1:222222222222:key/mock",
      module.tact.inspect.aurora.cluster.deletion_protection,
      module.tact.inspect.aurora.cluster.manage_master_user_password,
      module.tact.inspect.aurora.cluster.backup_retention_period == 14,
      contains(module.tact.inspect.aurora.cluster.enabled_cloudwatch_logs_exports, "postgresql"),
    ])
    error_message = "Aurora: IAM auth, KMS encryption, deletion protection, RDS-managed master password, backups, log exports"
  }
  assert {
    condition     = [for r in module.tact.inspect.aurora.ingress : r.referenced_security_group_id] == [module.tact.inspect.ecs.tasks_sg_id] && alltrue([for r in module.tact.inspect.aurora.ingress : r.cidr_ipv4 == null])
    error_message = "the database admits the service tasks' security group only, no CIDR"
  }
}

# ECS: four services (the console included), each with the collector sidecar and the environment the code reads
run "ecs_services_with_collector" {
  command = plan

  assert {
    condition     = toset(keys(module.tact.inspect.ecs.services)) == toset(["inbound", "outbound", "alerting", "console"])
    error_message = "one ECS service per service, the console included"
  }
  assert {
    condition = alltrue([for k, t in module.tact.inspect.ecs.task_definitions :
      toset([for c in jsondecode(t.container_definitions) : c.name]) == toset(["${k}-service", "adot-collector"])
      && module.tact.inspect.ecs.container_names[k] == "${k}-service" && module.tact.inspect.ecs.services[k].name == "prod-${k}-service"
    ])
    error_message = "every task runs the service and the ADOT collector; names stay <env>-<name>-service"
  }
  assert {
    condition = alltrue([for k, t in module.tact.inspect.ecs.task_definitions :
      strcontains(one([for c in jsondecode(t.container_definitions) : c if c.name == "adot-collector"]).environment[0].value, "awsxray")
    ])
    error_message = "the collector exports traces to X-Ray"
  }
  assert {
    condition = alltrue([for k, t in module.tact.inspect.ecs.task_definitions :
      alltrue([for want in concat([
        { name = "OTEL_EXPORTER_OTLP_ENDPOINT", value = "http://localhost:4318" },
        { name = "OTEL_PROPAGATORS", value = "tracecontext,baggage,xray" },
        { name = "SERVER_SERVLET_CONTEXT_PATH", value = "/${k}" },
        { name = "SERVER_FORWARD_HEADERS_STRATEGY", value = "native" },
        ], k == "console" ? [] : [
        { name = "TACT_JDBC_READER_URL", value = "jdbc:postgresql://tact-db.cluster-ro-mock.us-east-1.rds.amazonaws.com:5432/tact" },
        { name = "TACT_DB_USER", value = "tact_app" },
        { name = "SPRING_FLYWAY_ENABLED", value = "false" },
      ]) : contains(one([for c in jsondecode(t.container_definitions) : c if c.name == "${k}-service"]).environment, want)])
    ])
    error_message = "each service gets the OTLP endpoint, the propagators, its path, the forwarded scheme; the data services the reader URL, the app user, no Flyway"
  }
  assert {
    condition     = !anytrue([for c in jsondecode(module.tact.inspect.ecs.task_definitions["console"].container_definitions) : anytrue([for e in concat(try(c.environment, []), try(c.secrets, [])) : startswith(e.name, "TACT_DB_") || startswith(e.name, "TACT_JDBC")])])
    error_message = "the console keeps no state: no database URL or login"
  }
  assert {
    condition = alltrue([for k, t in module.tact.inspect.ecs.task_definitions :
      one([for c in jsondecode(t.container_definitions) : c if c.name == "${k}-service"]).healthCheck.command[1] == "curl -fsS http://127.0.0.1:8080/${k}/actuator/health >/dev/null || exit 1"
      && module.tact.inspect.ecs.target_groups[k].health_check[0].path == "/${k}/actuator/health"
    ])
    error_message = "container and load balancer health checks on Actuator"
  }
  assert {
    condition = alltrue([for k, t in module.tact.inspect.ecs.task_definitions :
      contains([for s in one([for c in jsondecode(t.container_definitions) : c if c.name == "${k}-service"]).secrets : s.name], "TACT_DB_PASSWORD") if k != "console"
    ])
    error_message = "the application password is injected from its secret"
  }
  assert {
    condition     = alltrue([for k, v in output.service_env.alerting : startswith(v, "arn:aws:sns:") if startswith(k, "TACT_ALERTING_TOPIC_")]) && length([for k, v in output.service_env.alerting : k if startswith(k, "TACT_ALERTING_TOPIC_")]) == 3
    error_message = "alerting gets topic ARNs (no sns:ListTopics needed)"
  }
  assert {
    condition     = output.service_env.outbound.TACT_PARTNER_CUSTODIAN_A_SECRET_ID == module.tact.partner_secret_arns["custodian-a"] && output.service_env.outbound.TACT_OUTBOUND_VENDOR_B_DLQ == "prod-outbound-vendor-b-dlq"
    error_message = "outbound gets each partner's queue, DLQ and secret id"
  }
  assert {
    condition     = module.tact.inspect.ecs.listener.protocol == "HTTPS" && module.tact.inspect.ecs.listener.certificate_arn == var.load_balancer.certificate_arn
    error_message = "HTTPS listener with the given certificate"
  }
  assert {
    condition     = toset(flatten([for r in module.tact.inspect.ecs.rules : [for c in r.condition : c.path_pattern[0].values]])) == toset(["/inbound", "/inbound/*", "/outbound", "/outbound/*", "/alerting", "/alerting/*", "/console", "/console/*"])
    error_message = "path routing per service"
  }
  assert {
    condition     = { for k, r in module.tact.inspect.ecs.rules : k => r.priority } == { alerting = 10, inbound = 11, outbound = 12, console = 13 }
    error_message = "the existing rules keep their priorities; the console's comes after them"
  }
  assert {
    condition     = toset(keys(module.tact.inspect.ecs.backlog_policies)) == toset(["inbound", "outbound"]) && one([for m in module.tact.inspect.ecs.backlog_policies["outbound"].target_tracking_scaling_policy_configuration[0].customized_metric_specification[0].metrics : m.expression if m.return_data]) == "(${join(" + ", [for i, p in keys(output.names.partner_queues) : "q${i}"])}) / tasks"
    error_message = "inbound scales on its queue, outbound on the sum of the partner queues"
  }
  assert {
    condition     = alltrue([for g in module.tact.inspect.ecs.log_groups : g.retention_in_days == 90])
    error_message = "log groups keep prod's retention"
  }
}

# buckets: names that cannot collide, replicated
run "bucket_names_and_replication" {
  command = plan

  assert {
    condition     = output.names.inbound_bucket == "prod-inbound-files-222222222222" && output.names.payload_bucket == "prod-alerting-payloads-222222222222" && output.names.inbound_queue == "prod-inbound-files"
    error_message = "bucket names get the account id; queue names stay those of resources.json"
  }
  assert {
    condition     = length(module.tact.inspect.dr.replication) == 2 && module.tact.inspect.payload_versioning
    error_message = "both buckets replicated to the DR region, with versioning on"
  }
  assert {
    condition     = alltrue([for r in module.tact.inspect.dr.replication : one(r.rule[0].destination[0].encryption_configuration).replica_kms_key_id == "arn:aws:kms:us-west-2:222222222222:key/mock-dr" && one(r.rule[0].source_selection_criteria[0].sse_kms_encrypted_objects).status == "Enabled"])
    error_message = "SSE-KMS objects replicate into a key of the DR region"
  }
}

# DR
run "dr_backup_copy_and_archive" {
  command = plan

  assert {
    condition     = one(output.replica_buckets.inbound == null ? [] : [output.replica_buckets.inbound]) == "prod-inbound-files-222222222222-us-west-2"
    error_message = "the inbound replica lives in the DR region"
  }
  assert {
    condition     = length([for r in module.tact.inspect.dr.backup_plan[0].rule : r if length(r.copy_action) == 1 && one(r.copy_action).destination_vault_arn == module.tact.inspect.dr.backup_vault_dr[0].arn]) == 1
    error_message = "the Aurora backup plan copies to the DR vault"
  }
  assert {
    condition     = module.tact.inspect.dr.selection[0].resources == toset(["arn:aws:rds:us-east-1:222222222222:cluster:prod-tact-db"])
    error_message = "the backup selection is the cluster"
  }
  assert {
    condition     = module.tact.inspect.dr.archive.retention_days == 30
    error_message = "the bus has an archive"
  }
}

# alarms
run "alarms_on_every_dlq" {
  command = plan

  assert {
    condition = toset(keys(module.tact.dlq_alarm_names)) == toset(concat(
      [output.names.inbound_dlq, output.names.alerting_dlq],
      [for p in output.names.partner_queues : p.dlq],
    )) && contains(keys(module.tact.dlq_alarm_names), "prod-outbound-vendor-b-dlq")
    error_message = "an alarm on every DLQ of resources.json (inbound, alerting, each partner)"
  }
  assert {
    condition     = alltrue([for a in module.tact.inspect.alarms.dlq : a.metric_name == "ApproximateNumberOfMessagesVisible" && a.threshold == 0 && a.comparison_operator == "GreaterThanThreshold"])
    error_message = "DLQ alarms fire on one visible message"
  }
  assert {
    condition     = output.topic_arns["critical"] == "arn:aws:sns:us-east-1:222222222222:prod-alerting-critical" && output.topic_arns["warning"] != output.topic_arns["critical"]
    error_message = "the topics have distinct ARNs in this test (override_resource), so the next assertion means something"
  }
  assert {
    condition     = alltrue([for name, actions in module.tact.alarm_actions : actions == toset([output.topic_arns["critical"]])]) && length(module.tact.alarm_actions) == length(module.tact.dlq_alarm_names) + 5
    error_message = "every alarm (the DLQs, 2 outbox ages, rejected, dead-lettered, failed alerts) goes to the critical topic"
  }
}

# IAM: the real policy JSON
run "iam_least_privilege" {
  command = plan

  assert {
    condition = alltrue(flatten([for doc in concat(values(module.tact.task_policies), values(module.tact.execution_policies), [module.tact.replication_policy]) : [
      for st in jsondecode(doc).Statement : [for a in flatten([st.Action]) : !strcontains(a, "*")]
    ]]))
    error_message = "no IAM action with a wildcard in any task, execution or replication policy"
  }
  assert {
    condition = alltrue(flatten([for doc in concat(values(module.tact.task_policies), values(module.tact.execution_policies)) : [
      for st in jsondecode(doc).Statement : contains(["CollectorTracesToXRay", "EcrLogin"], st.Sid) if contains(flatten([st.Resource]), "*")
    ]]))
    error_message = "Resource \"*\" only where the action has no resource-level permission (X-Ray segments, the ECR token)"
  }
  assert {
    condition = alltrue([for svc, wanted in {
      inbound = ["s3:ListBucket", "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:AbortMultipartUpload",
        "sqs:GetQueueUrl", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
      "kms:Decrypt", "kms:GenerateDataKey", "xray:PutTraceSegments", "logs:PutLogEvents"]
      outbound = ["events:PutEvents", "secretsmanager:GetSecretValue", "sqs:GetQueueUrl", "sqs:ReceiveMessage", "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility", "sqs:SendMessage", "sqs:GetQueueAttributes", "kms:Decrypt", "xray:PutTraceSegments"]
      alerting = ["sns:Publish", "s3:PutObject", "sqs:GetQueueUrl", "sqs:ReceiveMessage", "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility", "kms:GenerateDataKey", "kms:Decrypt", "xray:PutTraceSegments"]
      } : alltrue([for a in wanted : contains(flatten([for st in jsondecode(module.tact.task_policies[svc]).Statement : st.Action]), a)])
    ])
    error_message = "every AWS action the code calls is granted to its service"
  }
  assert {
    condition     = one([for st in jsondecode(module.tact.task_policies["inbound"]).Statement : st.Resource if contains(st.Action, "s3:PutObject")]) == "arn:aws:s3:::prod-inbound-files-222222222222/merged/*"
    error_message = "inbound writes only under merged/"
  }
  assert {
    condition     = one([for st in jsondecode(module.tact.task_policies["alerting"]).Statement : st.Resource if contains(st.Action, "s3:PutObject")]) == "arn:aws:s3:::prod-alerting-payloads-222222222222/alerts/*"
    error_message = "alerting writes only alert bodies (alerts/)"
  }
  assert {
    condition     = one([for st in jsondecode(module.tact.task_policies["outbound"]).Statement : st.Resource if contains(st.Action, "secretsmanager:GetSecretValue")]) == values(module.tact.partner_secret_arns)
    error_message = "outbound reads the partner secrets, nothing else"
  }
  assert {
    condition = alltrue([
      one([for st in jsondecode(module.tact.task_policies["inbound"]).Statement : st.Resource if st.Sid == "ConsumeInboundQueue"]) == "arn:aws:sqs:us-east-1:222222222222:prod-inbound-files",
      one([for st in jsondecode(module.tact.task_policies["alerting"]).Statement : st.Resource if st.Sid == "ConsumeAlertingEvents"]) == "arn:aws:sqs:us-east-1:222222222222:prod-alerting-events",
      contains(one([for st in jsondecode(module.tact.task_policies["outbound"]).Statement : st.Resource if st.Sid == "ConsumePartnerQueues"]), "arn:aws:sqs:us-east-1:222222222222:prod-outbound-custodian-a"),
      !contains(one([for st in jsondecode(module.tact.task_policies["outbound"]).Statement : st.Resource if st.Sid == "ConsumePartnerQueues"]), "arn:aws:sqs:us-east-1:222222222222:prod-outbound-custodian-a-dlq"),
      contains(one([for st in jsondecode(module.tact.task_policies["outbound"]).Statement : st.Resource if st.Sid == "DeadLetterAndRedrivePartnerDlqs"]), "arn:aws:sqs:us-east-1:222222222222:prod-outbound-custodian-a-dlq"),
      one([for st in jsondecode(module.tact.task_policies["inbound"]).Statement : st.Resource if st.Sid == "ReadInboundFiles"]) == "arn:aws:s3:::prod-inbound-files-222222222222/*",
    ])
    error_message = "each service's SQS and S3 grants name its own queue and bucket (DLQs only where the code sends to them)"
  }
  assert {
    condition     = !contains(flatten([for st in jsondecode(module.tact.task_policies["alerting"]).Statement : st.Action]), "sns:ListTopics") && !contains(flatten([for svc in ["inbound", "outbound", "alerting"] : [for st in jsondecode(module.tact.task_policies[svc]).Statement : st.Action]]), "s3:DeleteObject")
    error_message = "nothing the code does not call (ListTopics: topics are ARNs; no deletes)"
  }
  assert {
    condition = (alltrue([for svc in ["inbound", "outbound", "alerting"] : contains(one([for st in jsondecode(module.tact.execution_policies[svc]).Statement : st.Resource if st.Sid == "InjectSecrets"]), module.tact.aurora.app_secret_arn)])
    && !contains(one([for st in jsondecode(module.tact.execution_policies["inbound"]).Statement : st.Resource if st.Sid == "InjectSecrets"]), module.tact.aurora.migrator_secret_arn))
    error_message = "the services' execution roles read the app secret, never the migrator's"
  }
}

# KMS and endpoints
run "kms_and_endpoints" {
  command = plan

  assert {
    condition     = module.tact.inspect.kms_created && module.tact.inspect.inbound_sse_algorithm == "aws:kms"
    error_message = "prod has a customer key on the buckets"
  }
  assert {
    condition     = toset(["secretsmanager", "ecr.api", "ecr.dkr", "logs", "xray", "sts", "kms", "sns", "sqs", "events"]) == toset(module.tact.interface_endpoints)
    error_message = "interface endpoints for NAT-less subnets"
  }
}

# Identity: every task accepts the tokens of one OIDC issuer; the operators secret and HTTP Basic are gone
run "oidc_on_every_task_no_operators_secret" {
  command = plan

  assert {
    condition = alltrue([for k, t in module.tact.inspect.ecs.task_definitions :
      alltrue([for want in [
        { name = "TACT_OIDC_ISSUER", value = "https://login.example.com/realms/tact" },
        { name = "TACT_OIDC_AUDIENCE", value = "tact" },
        { name = "TACT_OIDC_ROLES_CLAIM", value = "roles" },
      ] : contains(one([for c in jsondecode(t.container_definitions) : c if c.name == module.tact.inspect.ecs.container_names[k]]).environment, want)])
    ]) && length(module.tact.inspect.ecs.task_definitions) == 4
    error_message = "every task (inbound, outbound, alerting, console) gets the issuer of prod.tfvars, audience tact and roles claim roles"
  }
  assert {
    condition = alltrue([for k, t in module.tact.inspect.ecs.task_definitions :
      !anytrue([for e in one([for c in jsondecode(t.container_definitions) : c if c.name == module.tact.inspect.ecs.container_names[k]]).environment : e.name == "TACT_OIDC_JWKS_URI" || e.name == "SPRING_APPLICATION_JSON"])
    ])
    error_message = "without oidc_jwks_uri the keys are found through discovery; with an audience no JSON override"
  }
  assert {
    condition = !anytrue(flatten([for k, t in module.tact.inspect.ecs.task_definitions : [for c in jsondecode(t.container_definitions) : [
      for e in concat(try(c.environment, []), try(c.secrets, [])) : startswith(e.name, "TACT_SECURITY_OPERATORS") || startswith(e.name, "TACT_OPERATOR")
    ]]]))
    error_message = "no operator login in any task (HTTP Basic is gone)"
  }
  assert {
    condition     = !anytrue([for n in module.tact.inspect.secret_names : strcontains(n, "operators")]) && contains(module.tact.inspect.secret_names, "prod-console-client-secret")
    error_message = "no <env>-tact-operators secret; the console's client secret exists"
  }
  assert {
    condition = alltrue([for svc in ["inbound", "outbound", "alerting"] :
      one([for st in jsondecode(module.tact.execution_policies[svc]).Statement : st.Resource if st.Sid == "InjectSecrets"]) == [module.tact.aurora.app_secret_arn]
    ])
    error_message = "the data services' execution roles inject the app login and nothing else"
  }
}

# Cognito access tokens carry no aud: an empty audience must reach the services as "no check", not as the default
run "cognito_access_tokens" {
  command = plan

  variables {
    oidc_issuer      = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123"
    oidc_audience    = ""
    oidc_roles_claim = "cognito:groups"
  }

  assert {
    condition = alltrue([for k, t in module.tact.inspect.ecs.task_definitions : (
      contains(one([for c in jsondecode(t.container_definitions) : c if c.name == module.tact.inspect.ecs.container_names[k]]).environment, { name = "TACT_OIDC_ROLES_CLAIM", value = "cognito:groups" })
      && !contains([for e in one([for c in jsondecode(t.container_definitions) : c if c.name == module.tact.inspect.ecs.container_names[k]]).environment : e.name], "TACT_OIDC_AUDIENCE")
      && try(jsondecode(one([for e in one([for c in jsondecode(t.container_definitions) : c if c.name == module.tact.inspect.ecs.container_names[k]]).environment : e.value if e.name == "SPRING_APPLICATION_JSON"])).tact.security.oidc.audiences, null) == []
    )])
    error_message = "an empty audience becomes tact.security.oidc.audiences = [] (ECS drops a variable with an empty value), roles from cognito:groups"
  }
}

# The console: least privilege over the suite's buckets and queues, its own secret, behind /console
run "console_least_privilege" {
  command = plan

  assert {
    condition = toset(flatten([for st in jsondecode(module.tact.task_policies["console"]).Statement : st.Action if !startswith(st.Sid, "Collector")])) == toset([
      "s3:ListBucket", "s3:ListBucketVersions", "s3:GetObject", "s3:GetObjectVersion",
      "sqs:GetQueueUrl", "sqs:GetQueueAttributes", "sqs:ReceiveMessage", "sqs:SendMessage", "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility", "sqs:PurgeQueue", "secretsmanager:GetSecretValue", "kms:Decrypt",
    ])
    error_message = "the console reads S3 (versions included), operates and purges the queues, reads its secret: nothing else (no S3 writes or deletes, no queue management)"
  }
  assert {
    condition = alltrue([
      one([for st in jsondecode(module.tact.task_policies["console"]).Statement : st.Resource if st.Sid == "ListSuiteBuckets"]) == ["arn:aws:s3:::prod-inbound-files-222222222222", "arn:aws:s3:::prod-alerting-payloads-222222222222"],
      one([for st in jsondecode(module.tact.task_policies["console"]).Statement : st.Resource if st.Sid == "ReadSuiteObjects"]) == ["arn:aws:s3:::prod-inbound-files-222222222222/*", "arn:aws:s3:::prod-alerting-payloads-222222222222/*"],
      one([for st in jsondecode(module.tact.task_policies["console"]).Statement : st.Resource if st.Sid == "ReadConsoleClientSecret"]) == [output.console_secret_arns.client_secret],
    ])
    error_message = "the console's S3 grants name the two buckets, its secret grant the console's client secret only"
  }
  assert {
    condition = alltrue([for arn in [
      "arn:aws:sqs:us-east-1:222222222222:prod-inbound-files",
      "arn:aws:sqs:us-east-1:222222222222:prod-outbound-custodian-a",
      "arn:aws:sqs:us-east-1:222222222222:prod-outbound-custodian-a-dlq",
      "arn:aws:sqs:us-east-1:222222222222:prod-alerting-events",
      ] : contains(one([for st in jsondecode(module.tact.task_policies["console"]).Statement : st.Resource if st.Sid == "OperateSuiteQueues"]), arn)
    ]) && length(one([for st in jsondecode(module.tact.task_policies["console"]).Statement : st.Resource if st.Sid == "OperateSuiteQueues"])) == 2 * (2 + length(output.names.partner_queues))
    error_message = "the console's SQS grant names every queue and DLQ of the suite, and no other"
  }
  assert {
    condition = (toset(one([for st in jsondecode(module.tact.execution_policies["console"]).Statement : st.Resource if st.Sid == "InjectSecrets"])) == toset(values(output.console_secret_arns))
    && !contains(one([for st in jsondecode(module.tact.execution_policies["console"]).Statement : st.Resource if st.Sid == "InjectSecrets"]), module.tact.aurora.app_secret_arn))
    error_message = "the console's execution role injects its client secret and purge key, never the database login"
  }
  assert {
    condition = alltrue([for want in [
      { name = "TACT_CONSOLE_CLIENT_SECRET", valueFrom = output.console_secret_arns.client_secret },
      { name = "TACT_CONSOLE_PURGE_KEY", valueFrom = output.console_secret_arns.purge_key },
    ] : contains(one([for c in jsondecode(module.tact.inspect.ecs.task_definitions["console"].container_definitions) : c if c.name == "console-service"]).secrets, want)])
    error_message = "the console gets its client secret and purge key from Secrets Manager"
  }
  assert {
    condition = alltrue([for want in [
      { name = "TACT_INBOUND_URL", value = "https://tact.example.com/inbound" },
      { name = "TACT_OUTBOUND_URL", value = "https://tact.example.com/outbound" },
      { name = "TACT_ALERTING_URL", value = "https://tact.example.com/alerting" },
      { name = "TACT_INBOUND_BUCKET", value = "prod-inbound-files-222222222222" },
      { name = "TACT_INBOUND_PREFIX", value = "incoming/" },
      { name = "TACT_INBOUND_DLQ", value = "prod-inbound-files-dlq" },
      { name = "TACT_ALERT_PAYLOAD_BUCKET", value = "prod-alerting-payloads-222222222222" },
      { name = "TACT_OUTBOUND_VENDOR_B_DLQ", value = "prod-outbound-vendor-b-dlq" },
      { name = "TACT_ALERTING_EVENTS_DLQ", value = "prod-alerting-events-dlq" },
    ] : contains(one([for c in jsondecode(module.tact.inspect.ecs.task_definitions["console"].container_definitions) : c if c.name == "console-service"]).environment, want)])
    error_message = "the console reaches the services through the load balancer's name and knows the suite's buckets and queues"
  }
  assert {
    condition     = module.tact.inspect.ecs.target_groups["console"].health_check[0].path == "/console/actuator/health" && module.tact.inspect.ecs.repositories["console"].name == "prod-console-service"
    error_message = "the console is health-checked on Actuator behind /console and has its own repository"
  }
  assert {
    condition     = module.tact.inspect.ecs.alb_from_tasks.referenced_security_group_id == module.tact.inspect.ecs.tasks_sg_id && module.tact.inspect.ecs.alb_from_tasks.from_port == 443
    error_message = "the tasks reach the load balancer on 443 (the console calls the services through it)"
  }
}

# The CIAM simulator is for dev and QA: absent from prod, and refused when asked for
run "ciam_simulator_absent_in_prod" {
  command = plan

  assert {
    condition = (!contains(keys(module.tact.inspect.ecs.services), "ciam") && !contains(keys(module.tact.inspect.ecs.repositories), "ciam")
      && !contains(keys(module.tact.task_policies), "ciam") && !contains(keys(module.tact.execution_policies), "ciam")
    && output.ciam_simulator == null && !anytrue([for n in module.tact.inspect.secret_names : strcontains(n, "ciam")]))
    error_message = "prod has no CIAM simulator: no service, repository, role or dev password secret"
  }
}

run "ciam_simulator_refused_in_prod" {
  command = plan

  variables {
    deploy_ciam_simulator = true
    oidc_issuer           = "https://tact.example.com/ciam"
  }

  expect_failures = [var.deploy_ciam_simulator]
}

run "prod_issuer_must_be_https" {
  command = plan

  variables {
    oidc_issuer = "http://login.example.com/realms/tact"
  }

  expect_failures = [var.oidc_issuer]
}
