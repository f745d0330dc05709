# The services on ECS Fargate: an ECR repository, a log group, a task definition (the service + the ADOT
# collector sidecar), an ECS service behind the HTTPS load balancer and its autoscaling, per service; plus
# the one-off migration task that runs Flyway as the schema owner.
#
# Routing is by path: https://<alb>/inbound/... reaches inbound-service, whose servlet context path is set
# to /inbound (SERVER_SERVLET_CONTEXT_PATH), so /inbound/api/files and /inbound/actuator/health work
# unchanged behind one certificate and one DNS name.
locals {
  name      = "${var.env}-tact"
  port      = 8080
  collector = "adot-collector"
  # service key => module name: the container, task family, ECS service, repository and log group are named for it
  service_names = { for k, s in var.services : k => coalesce(s.name, "${k}-service") }
  repositories = merge(
    { for k, n in local.service_names : k => "${var.env}-${n}" },
    {
      migration = "${var.env}-tact-migrations"
      # the pinned upstream collector, copied by the pipeline: tasks in NAT-less subnets cannot reach a public registry
      collector = "${var.env}-aws-otel-collector"
    },
  )
  log_groups = merge(
    { for k, n in local.service_names : k => "/ecs/${var.env}/${n}" },
    { migration = "/ecs/${var.env}/migration", metrics = "/ecs/${var.env}/metrics" },
  )

  # the collector: OTLP in on localhost:4317/4318, traces to X-Ray, the declared metrics to CloudWatch (EMF)
  collector_config = yamlencode({
    extensions = { health_check = {} }
    receivers = {
      otlp = { protocols = { grpc = { endpoint = "0.0.0.0:4317" }, http = { endpoint = "0.0.0.0:4318" } } }
    }
    processors = {
      "batch/traces"  = { timeout = "1s", send_batch_size = 50 }
      "batch/metrics" = { timeout = "60s" }
    }
    exporters = {
      awsxray = { region = var.region }
      awsemf = {
        region                           = var.region
        namespace                        = var.metrics_namespace
        log_group_name                   = local.log_groups.metrics
        log_stream_name                  = "{TaskId}"
        dimension_rollup_option          = "NoDimensionRollup"
        resource_to_telemetry_conversion = { enabled = true }
        metric_declarations              = var.metric_declarations
      }
    }
    service = {
      extensions = ["health_check"]
      pipelines = {
        traces  = { receivers = ["otlp"], processors = ["batch/traces"], exporters = ["awsxray"] }
        metrics = { receivers = ["otlp"], processors = ["batch/metrics"], exporters = ["awsemf"] }
      }
    }
  })

  common_environment = merge({
    AWS_REGION                  = var.region
    SERVER_PORT                 = tostring(local.port)
    OTEL_EXPORTER_OTLP_ENDPOINT = "http://localhost:4318"
    OTEL_PROPAGATORS            = "tracecontext,baggage,xray"
    TACT_LOG_FORMAT             = "ecs"
    # TLS ends at the load balancer: without X-Forwarded-Proto the apps would build http:// URLs (the console's
    # OAuth redirect URI, the simulator's login page) that the HTTPS-only listener does not serve
    SERVER_FORWARD_HEADERS_STRATEGY = "native"
  }, var.common_environment)
}

resource "aws_ecs_cluster" "this" {
  name = local.name
  tags = var.tags

  # RunningTaskCount (ECS/ContainerInsights) is the divisor of the backlog-per-task scaling metric
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name       = aws_ecs_cluster.this.name
  capacity_providers = ["FARGATE"]
  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    weight            = 1
  }
}

resource "aws_ecr_repository" "this" {
  for_each             = local.repositories
  name                 = each.value
  image_tag_mutability = "IMMUTABLE"
  force_delete         = false
  tags                 = var.tags

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = var.kms_key_arn == null ? "AES256" : "KMS"
    kms_key         = var.kms_key_arn
  }
}

resource "aws_ecr_lifecycle_policy" "this" {
  for_each   = aws_ecr_repository.this
  repository = each.value.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "keep the last 30 images"
      selection    = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = 30 }
      action       = { type = "expire" }
    }]
  })
}

resource "aws_cloudwatch_log_group" "this" {
  for_each          = local.log_groups
  name              = each.value
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

# --- network ---------------------------------------------------------------------------------------------
resource "aws_security_group" "alb" {
  name        = "${local.name}-alb"
  description = "HTTPS to the TACT load balancer"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${local.name}-alb" })
}

resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  for_each          = toset(var.alb_ingress_cidrs)
  security_group_id = aws_security_group.alb.id
  description       = "HTTPS"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value
}

# the console calls the services, and the services fetch the CIAM simulator's keys, through the load balancer's name
resource "aws_vpc_security_group_ingress_rule" "alb_from_tasks" {
  security_group_id            = aws_security_group.alb.id
  description                  = "HTTPS from the service tasks (console to services, services to the CIAM simulator)"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.tasks.id
}

resource "aws_vpc_security_group_egress_rule" "alb_to_tasks" {
  security_group_id            = aws_security_group.alb.id
  description                  = "to the service tasks"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = aws_security_group.tasks.id
}

resource "aws_security_group" "tasks" {
  name        = "${local.name}-tasks"
  description = "TACT service and migration tasks"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${local.name}-tasks" })
}

resource "aws_vpc_security_group_ingress_rule" "tasks_from_alb" {
  security_group_id            = aws_security_group.tasks.id
  description                  = "HTTP from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = aws_security_group.alb.id
}

# out: AWS APIs (endpoints or NAT), Aurora, partners' HTTPS APIs
resource "aws_vpc_security_group_egress_rule" "tasks_all" {
  security_group_id = aws_security_group.tasks.id
  description       = "AWS APIs, Aurora, partner APIs"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

# --- load balancer ---------------------------------------------------------------------------------------
resource "aws_lb" "this" {
  name                       = local.name
  internal                   = var.alb_internal
  load_balancer_type         = "application"
  security_groups            = [aws_security_group.alb.id]
  subnets                    = var.alb_subnet_ids
  drop_invalid_header_fields = true
  idle_timeout               = 120 # the dry run and merge APIs take a while on big files
  tags                       = var.tags
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn
  tags              = var.tags

  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      message_body = "no such service"
      status_code  = "404"
    }
  }
}

resource "aws_lb_target_group" "this" {
  for_each             = var.services
  name                 = "${var.env}-${each.key}"
  port                 = local.port
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = 30
  tags                 = var.tags

  health_check {
    path                = "${each.value.path_prefix}/actuator/health"
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

resource "aws_lb_listener_rule" "this" {
  for_each     = var.services
  listener_arn = aws_lb_listener.https.arn
  priority     = each.value.rule_priority
  tags         = var.tags

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this[each.key].arn
  }

  condition {
    path_pattern {
      values = [each.value.path_prefix, "${each.value.path_prefix}/*"]
    }
  }
}

# --- tasks -------------------------------------------------------------------------------------------------
resource "aws_ecs_task_definition" "service" {
  for_each                 = var.services
  family                   = "${var.env}-${local.service_names[each.key]}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = each.value.cpu
  memory                   = each.value.memory
  task_role_arn            = var.task_role_arns[each.key]
  execution_role_arn       = var.execution_role_arns[each.key]
  tags                     = var.tags

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  container_definitions = jsonencode([
    {
      name         = local.service_names[each.key]
      image        = "${aws_ecr_repository.this[each.key].repository_url}:${var.image_tag}"
      essential    = true
      portMappings = [{ containerPort = local.port, protocol = "tcp" }]
      environment = [for k, v in merge(local.common_environment, {
        SERVER_SERVLET_CONTEXT_PATH = each.value.path_prefix
      }, each.value.environment) : { name = k, value = v }]
      secrets = [for k, v in merge(var.common_secrets, each.value.secrets) : { name = k, valueFrom = v }]
      healthCheck = {
        command     = ["CMD-SHELL", "curl -fsS http://127.0.0.1:${local.port}${each.value.path_prefix}/actuator/health >/dev/null || exit 1"]
        interval    = 15
        timeout     = 5
        retries     = 3
        startPeriod = 90
      }
      # the collector must listen before the first span is exported
      dependsOn   = [{ containerName = local.collector, condition = "START" }]
      stopTimeout = 60 # Spring's phases are bounded at 15 s each (TACT_SHUTDOWN_PHASE_TIMEOUT)
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.this[each.key].name
          awslogs-region        = var.region
          awslogs-stream-prefix = "app"
        }
      }
    },
    {
      name      = local.collector
      image     = "${aws_ecr_repository.this["collector"].repository_url}:${var.collector_version}"
      essential = false # lost traces must not stop the service
      command   = ["--config=env:AOT_CONFIG_CONTENT"]
      environment = [
        { name = "AOT_CONFIG_CONTENT", value = local.collector_config },
      ]
      healthCheck = {
        command     = ["/healthcheck"]
        interval    = 15
        timeout     = 5
        retries     = 3
        startPeriod = 10
      }
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.this[each.key].name
          awslogs-region        = var.region
          awslogs-stream-prefix = "otel"
        }
      }
    },
  ])
}

# Flyway as the schema owner, run once per release before the services roll (the pipeline's step, or
# `aws ecs run-task`, docs/infrastructure.md). The image is the official Flyway image with
# tact-shared/src/main/resources/db/migration copied to /flyway/sql (built by the pipeline).
resource "aws_ecs_task_definition" "migration" {
  family                   = "${var.env}-tact-migration"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = var.execution_role_arns["migration"]
  tags                     = var.tags

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  container_definitions = jsonencode([{
    name      = "flyway"
    image     = "${aws_ecr_repository.this["migration"].repository_url}:${coalesce(var.migration.flyway_image_tag, var.image_tag)}"
    essential = true
    command   = ["migrate"]
    environment = [
      { name = "FLYWAY_URL", value = var.migration.jdbc_url },
      { name = "FLYWAY_LOCATIONS", value = "filesystem:/flyway/sql" },
      { name = "FLYWAY_CONNECT_RETRIES", value = "10" },
    ]
    secrets = [
      { name = "FLYWAY_USER", valueFrom = "${var.migration.migrator_secret_arn}:username::" },
      { name = "FLYWAY_PASSWORD", valueFrom = "${var.migration.migrator_secret_arn}:password::" },
    ]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.this["migration"].name
        awslogs-region        = var.region
        awslogs-stream-prefix = "flyway"
      }
    }
  }])
}

resource "aws_ecs_service" "this" {
  for_each                          = var.services
  name                              = "${var.env}-${local.service_names[each.key]}"
  cluster                           = aws_ecs_cluster.this.id
  task_definition                   = aws_ecs_task_definition.service[each.key].arn
  desired_count                     = each.value.desired_count
  launch_type                       = "FARGATE"
  health_check_grace_period_seconds = each.value.health_check_grace_s
  propagate_tags                    = "SERVICE"
  enable_ecs_managed_tags           = true
  tags                              = var.tags

  # rolling: new tasks healthy first, then the old ones stop; a deployment that never gets healthy rolls back
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.this[each.key].arn
    container_name   = local.service_names[each.key]
    container_port   = local.port
  }

  # autoscaling owns the count after the first apply
  lifecycle {
    ignore_changes = [desired_count]
  }

  depends_on = [aws_lb_listener_rule.this]
}

# --- autoscaling -------------------------------------------------------------------------------------------
resource "aws_appautoscaling_target" "this" {
  for_each           = var.services
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.this[each.key].name}"
  min_capacity       = each.value.min_count
  max_capacity       = each.value.max_count
}

# Backlog per task (AWS's recommended SQS scaling metric): visible messages of the service's queues divided
# by its running tasks; target tracking keeps it near backlog_per_task.
resource "aws_appautoscaling_policy" "backlog" {
  for_each           = { for k, s in var.services : k => s if length(s.scale_queues) > 0 }
  name               = "${var.env}-${each.key}-backlog-per-task"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[each.key].service_namespace
  scalable_dimension = aws_appautoscaling_target.this[each.key].scalable_dimension
  resource_id        = aws_appautoscaling_target.this[each.key].resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = each.value.backlog_per_task
    scale_in_cooldown  = 300
    scale_out_cooldown = 60

    customized_metric_specification {
      dynamic "metrics" {
        for_each = each.value.scale_queues
        content {
          id          = "q${metrics.key}"
          return_data = false
          metric_stat {
            stat = "Sum"
            metric {
              namespace   = "AWS/SQS"
              metric_name = "ApproximateNumberOfMessagesVisible"
              dimensions {
                name  = "QueueName"
                value = metrics.value
              }
            }
          }
        }
      }
      metrics {
        id          = "tasks"
        return_data = false
        metric_stat {
          stat = "Average"
          metric {
            namespace   = "ECS/ContainerInsights"
            metric_name = "RunningTaskCount"
            dimensions {
              name  = "ClusterName"
              value = aws_ecs_cluster.this.name
            }
            dimensions {
              name  = "ServiceName"
              value = aws_ecs_service.this[each.key].name
            }
          }
        }
      }
      metrics {
        id          = "backlog"
        label       = "visible messages per running task"
        expression  = "(${join(" + ", [for i, q in each.value.scale_queues : "q${i}"])}) / tasks"
        return_data = true
      }
    }
  }
}

resource "aws_appautoscaling_policy" "cpu" {
  for_each           = { for k, s in var.services : k => s if length(s.scale_queues) == 0 }
  name               = "${var.env}-${each.key}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[each.key].service_namespace
  scalable_dimension = aws_appautoscaling_target.this[each.key].scalable_dimension
  resource_id        = aws_appautoscaling_target.this[each.key].resource_id

  target_tracking_scaling_policy_configuration {
    target_value = 60
    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}
