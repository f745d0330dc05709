# The dev deployment against a mocked AWS provider (nothing reaches AWS):
#   terraform -chdir=terraform/deploy test -filter=tests/dev.tftest.hcl -var-file=../envs/dev/dev.tfvars
mock_provider "aws" {
  source = "./tests/mocks/aws"
}

mock_provider "aws" {
  alias  = "dr"
  source = "./tests/mocks/aws-dr"
}

run "smallest_whole_suite" {
  command = apply

  assert {
    condition     = length(module.tact.inspect.aurora.instances) == 1 && one(module.tact.inspect.aurora.cluster.serverlessv2_scaling_configuration).min_capacity == 0.5 && !module.tact.inspect.aurora.cluster.deletion_protection
    error_message = "dev: one Serverless v2 writer from 0.5 ACU, no deletion protection"
  }
  assert {
    condition     = module.tact.aurora.reader_endpoint != null && output.service_env.inbound.TACT_JDBC_READER_URL == "jdbc:postgresql://tact-db.cluster-ro-mock.us-east-1.rds.amazonaws.com:5432/tact"
    error_message = "the reader URL is passed even with the writer alone (the reader endpoint then answers with the writer)"
  }
  assert {
    condition     = toset(keys(module.tact.inspect.ecs.services)) == toset(["inbound", "outbound", "alerting", "console", "ciam"]) && alltrue([for s in module.tact.inspect.ecs.services : s.desired_count == 1])
    error_message = "dev runs one task per service, the console and the CIAM simulator included"
  }
  assert {
    condition     = output.names.inbound_bucket == "dev-inbound-files-222222222222" && output.names.inbound_queue == "dev-inbound-files" && output.names.event_bus == "dev-tact-events"
    error_message = "names of resources.json with {env}=dev, buckets with the account id"
  }
  assert {
    condition     = !module.tact.inspect.kms_created && module.tact.inspect.inbound_sse_algorithm == "AES256" && !anytrue([for st in jsondecode(module.tact.task_policies["inbound"]).Statement : startswith(st.Action[0], "kms:")])
    error_message = "without a customer key: SSE-S3 and no KMS grants"
  }
  assert {
    condition     = length(module.tact.inspect.dr.replication) == 0 && length(module.tact.inspect.dr.backup_plan) == 0 && module.tact.inspect.dr.archive.retention_days == 14
    error_message = "dev: no cross-region copies, but the bus archive"
  }
  assert {
    condition     = toset(keys(output.topic_arns)) == toset(["critical", "warning", "info"]) && output.service_env.outbound.TACT_EVENT_BUS == "dev-tact-events"
    error_message = "one topic per severity, the bus of resources.json"
  }
  assert {
    condition     = length(module.tact.dlq_alarm_names) == 2 + length(output.names.partner_queues)
    error_message = "the DLQ alarms exist in dev too"
  }
}

run "bucket_suffix_can_be_chosen" {
  command = plan

  variables {
    bucket_name_suffix = "-tact-dev-eu"
  }

  assert {
    condition     = output.names.inbound_bucket == "dev-inbound-files-tact-dev-eu" && output.names.payload_bucket == "dev-alerting-payloads-tact-dev-eu" && output.service_env.alerting.TACT_ALERT_PAYLOAD_BUCKET == "dev-alerting-payloads-tact-dev-eu"
    error_message = "an explicit suffix replaces the account id, and the services get the resulting names"
  }
}

run "iam_database_authentication" {
  command = plan

  variables {
    db_auth = "iam"
  }

  assert {
    condition     = one([for st in jsondecode(module.tact.task_policies["inbound"]).Statement : st.Resource if st.Sid == "ConnectAsAppUser"]) == "arn:aws:rds-db:us-east-1:222222222222:dbuser:cluster-MOCK/tact_app"
    error_message = "db_auth = iam grants rds-db:connect as the app user only"
  }
  assert {
    condition     = alltrue([for k, t in module.tact.inspect.ecs.task_definitions : !contains([for s in jsondecode(t.container_definitions)[0].secrets : s.name], "TACT_DB_PASSWORD")])
    error_message = "with IAM auth no password is injected"
  }
}

# dev signs in through the CIAM simulator, behind the load balancer at /ciam
run "ciam_simulator_in_dev" {
  command = plan

  assert {
    condition = (module.tact.inspect.ecs.services["ciam"].name == "dev-ciam-simulator" && module.tact.inspect.ecs.container_names["ciam"] == "ciam-simulator"
      && module.tact.inspect.ecs.repositories["ciam"].name == "dev-ciam-simulator"
    && module.tact.inspect.ecs.target_groups["ciam"].health_check[0].path == "/ciam/actuator/health")
    error_message = "the simulator runs as dev-ciam-simulator from its own repository, health-checked behind /ciam"
  }
  assert {
    condition = alltrue([for want in [
      { name = "TACT_OIDC_ISSUER", value = "https://tact.dev.example.com/ciam" },
      { name = "CIAM_HOST", value = "0.0.0.0" },
      { name = "CIAM_PORT", value = "8080" },
      { name = "SERVER_SERVLET_CONTEXT_PATH", value = "/ciam" },
      { name = "CIAM_CONSOLE_REDIRECT_URIS", value = "https://tact.dev.example.com/console/login/oauth2/code/ciam" },
    ] : contains(one([for c in jsondecode(module.tact.inspect.ecs.task_definitions["ciam"].container_definitions) : c if c.name == "ciam-simulator"]).environment, want)])
    error_message = "the simulator listens on the task's address, issues tokens for the issuer every service is given, and redirects back to the console"
  }
  assert {
    condition     = [for s in one([for c in jsondecode(module.tact.inspect.ecs.task_definitions["ciam"].container_definitions) : c if c.name == "ciam-simulator"]).secrets : s.valueFrom] == [output.ciam_simulator.dev_password_secret]
    error_message = "the dev password comes from its secret; the simulator gets no database login"
  }
  assert {
    condition     = alltrue([for st in jsondecode(module.tact.task_policies["ciam"]).Statement : startswith(st.Sid, "Collector")])
    error_message = "the simulator calls no AWS API: its task role carries only the collector's grants"
  }
  assert {
    condition     = module.tact.inspect.ecs.services["ciam"].desired_count == 1 && module.tact.inspect.ecs.rules["ciam"].priority == 14
    error_message = "one simulator task (keys and sessions live in its memory)"
  }
  assert {
    condition = alltrue([for k, t in module.tact.inspect.ecs.task_definitions :
      contains(one([for c in jsondecode(t.container_definitions) : c if c.name == module.tact.inspect.ecs.container_names[k]]).environment, { name = "TACT_OIDC_ISSUER", value = "https://tact.dev.example.com/ciam" })
    ])
    error_message = "every task, the simulator included, names the same issuer"
  }
}

run "http_issuer_allowed_outside_prod" {
  command = plan

  variables {
    deploy_ciam_simulator = false
    oidc_issuer           = "http://ciam.qa.internal:9000"
    oidc_jwks_uri         = "http://ciam.qa.internal:9000/oauth2/jwks"
  }

  assert {
    condition = (!contains(keys(module.tact.inspect.ecs.services), "ciam") && contains(
      one([for c in jsondecode(module.tact.inspect.ecs.task_definitions["inbound"].container_definitions) : c if c.name == "inbound-service"]).environment,
      { name = "TACT_OIDC_JWKS_URI", value = "http://ciam.qa.internal:9000/oauth2/jwks" }
    ))
    error_message = "outside prod an http issuer is accepted, and an explicit key set URL is passed"
  }
}

run "simulator_issuer_must_be_behind_the_load_balancer" {
  command = plan

  variables {
    oidc_issuer = "https://login.example.com/realms/tact"
  }

  expect_failures = [var.deploy_ciam_simulator]
}
