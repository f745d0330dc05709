# Per service a task role (what the code calls, plus the ADOT collector sidecar that shares it) and an
# execution role (what ECS needs to start the task: pull the image, write logs, inject secrets).
#
# The policies are built with jsonencode, not aws_iam_policy_document, so that `terraform test` can read
# the real JSON under a mocked provider. Every action below names the code that calls it; see
# docs/infrastructure.md#iam for the same table.
locals {
  kms = length(var.kms_key_arns) > 0

  # Spring Cloud AWS's listener container: GetQueueUrl (queue name -> URL), ReceiveMessage, DeleteMessage(Batch)
  # on acknowledgement, ChangeMessageVisibility(Batch) for Visibility.changeTo and the heartbeat, and
  # GetQueueAttributes when the container resolves queue attributes.
  listen = ["sqs:GetQueueUrl", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"]

  # the ADOT collector sidecar: awsxray exporter (traces) and awsemf exporter (metrics as embedded metric
  # format log events into one log group)
  collector = [
    {
      Sid      = "CollectorTracesToXRay"
      Effect   = "Allow"
      Action   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
      Resource = "*" # X-Ray has no resource-level permissions for these actions
    },
    {
      Sid      = "CollectorMetricsAsEmf"
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
      Resource = [var.metrics_log_group_arn, "${var.metrics_log_group_arn}:*"]
    },
  ]

  task = {
    inbound = concat([
      {
        # HeadObjectRequest without ListBucket answers 403 for a missing key; S3ObjectSource maps 404 to "missing"
        Sid      = "ListInboundBucketForHead404"
        Effect   = "Allow"
        Action   = ["s3:ListBucket"]
        Resource = var.inbound_bucket_arn
      },
      {
        # S3ObjectSource.head (HeadObject, with versionId) and .open (GetObject by version or If-Match)
        Sid      = "ReadInboundFiles"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:GetObjectVersion"]
        Resource = "${var.inbound_bucket_arn}/*"
      },
      {
        # S3ObjectSource.create: merged files (DefaultFeedOperations, tact.inbound.merged-prefix) through S3OutputStream
        Sid      = "WriteMergedFiles"
        Effect   = "Allow"
        Action   = ["s3:PutObject", "s3:AbortMultipartUpload"]
        Resource = "${var.inbound_bucket_arn}/${var.merged_prefix}*"
      },
      {
        # S3ObjectCreatedListener (@SqsListener on tact.inbound.queue)
        Sid      = "ConsumeInboundQueue"
        Effect   = "Allow"
        Action   = local.listen
        Resource = var.inbound_queue_arn
      },
      ], local.kms ? [{
        Sid      = "InboundBucketKey"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = var.kms_key_arns
    }] : [], local.db_iam_auth, local.collector)

    outbound = concat([
      {
        # EventBridgeEventPublisher.publish
        Sid      = "PublishDomainEvents"
        Effect   = "Allow"
        Action   = ["events:PutEvents"]
        Resource = var.event_bus_arn
      },
      {
        # PartnerQueueListeners (one listener container per partner queue); SqsPartnerQueues.requeue, .depth
        Sid      = "ConsumePartnerQueues"
        Effect   = "Allow"
        Action   = concat(local.listen, ["sqs:SendMessage"])
        Resource = var.partner_queue_arns
      },
      {
        # SqsPartnerQueues.deadLetter (SendMessage), .redrive (ReceiveMessage, DeleteMessage), .depth, .url
        Sid      = "DeadLetterAndRedrivePartnerDlqs"
        Effect   = "Allow"
        Action   = ["sqs:GetQueueUrl", "sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
        Resource = var.partner_dlq_arns
      },
      {
        # SecretsManagerSecretSource.secret (a partner's client-secret-id)
        Sid      = "ReadPartnerClientSecrets"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = var.partner_secret_arns
      },
      ], local.kms ? [{
        Sid      = "PartnerSecretsKey"
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = var.kms_key_arns
    }] : [], local.db_iam_auth, local.collector)

    alerting = concat([
      {
        # SnsAlertPublisher.publish through the SNS extended client. Topics are configured as ARNs
        # (TACT_ALERTING_TOPIC_*), so the name lookup with sns:ListTopics never runs and is not granted.
        Sid      = "PublishAlerts"
        Effect   = "Allow"
        Action   = ["sns:Publish"]
        Resource = var.topic_arns
      },
      {
        # the SNS extended client puts an oversized body at alerts/<alert id> (SnsAlertPublisher.KEY_PREFIX)
        Sid      = "OffloadAlertBodies"
        Effect   = "Allow"
        Action   = ["s3:PutObject"]
        Resource = "${var.payload_bucket_arn}/${var.payload_prefix}*"
      },
      {
        # AlertingEventsListener (listener container on tact.alerting.events.queue)
        Sid      = "ConsumeAlertingEvents"
        Effect   = "Allow"
        Action   = local.listen
        Resource = var.alerting_queue_arn
      },
      ], local.kms ? [{
        # SSE-KMS on the payload bucket and on the topics
        Sid      = "PayloadAndTopicKey"
        Effect   = "Allow"
        Action   = ["kms:GenerateDataKey", "kms:Decrypt"]
        Resource = var.kms_key_arns
    }] : [], local.db_iam_auth, local.collector)

    # The operator console: browses both buckets (versions included), downloads and presigns objects, shows queue
    # depths, peeks and redrives DLQs, sends test messages (a synthetic S3 event to the inbound queue) and purges.
    # It keeps no state: no database, no writes to S3.
    console = var.console == null ? null : concat([
      {
        # the object browser: prefixes, pages and the versions of a key
        Sid      = "ListSuiteBuckets"
        Effect   = "Allow"
        Action   = ["s3:ListBucket", "s3:ListBucketVersions"]
        Resource = [var.inbound_bucket_arn, var.payload_bucket_arn]
      },
      {
        # metadata (HeadObject), download and presigned URLs, of the current or an older version
        Sid      = "ReadSuiteObjects"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:GetObjectVersion"]
        Resource = ["${var.inbound_bucket_arn}/*", "${var.payload_bucket_arn}/*"]
      },
      {
        # depths, DLQ peek (receive + visibility back to 0), test messages, redrive (receive, send, delete), purge;
        # queues are configured by name, so GetQueueUrl resolves them
        Sid    = "OperateSuiteQueues"
        Effect = "Allow"
        Action = ["sqs:GetQueueUrl", "sqs:GetQueueAttributes", "sqs:ReceiveMessage", "sqs:SendMessage",
        "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:PurgeQueue"]
        Resource = var.console.queue_arns
      },
      {
        # the tact-console OIDC client secret (also injected at start by the execution role)
        Sid      = "ReadConsoleClientSecret"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = var.console.secret_arns
      },
      ], local.kms ? [{
        # SSE-KMS objects and the secret
        Sid      = "ReadEncryptedObjectsAndSecret"
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = var.kms_key_arns
    }] : [], local.collector)

    # The CIAM simulator (dev/QA only) calls no AWS API: its role carries only the trace collector's grants.
    ciam = var.ciam_simulator ? local.collector : null
  }

  # role names follow the modules: <env>-inbound-service-task, <env>-console-service-task, <env>-ciam-simulator-task
  role_names = { inbound = "inbound-service", outbound = "outbound-service", alerting = "alerting-service", console = "console-service", ciam = "ciam-simulator" }

  # With IAM database authentication the services sign a token instead of sending the password
  # (needs the AWS Advanced JDBC Wrapper's iam plugin on their side).
  db_iam_auth = var.db_iam_auth == null ? [] : [{
    Sid      = "ConnectAsAppUser"
    Effect   = "Allow"
    Action   = ["rds-db:connect"]
    Resource = "arn:aws:rds-db:${var.region}:${var.account_id}:dbuser:${var.db_iam_auth.cluster_resource_id}/${var.db_iam_auth.username}"
  }]

  task_documents = { for k, statements in local.task : k => jsonencode({ Version = "2012-10-17", Statement = statements }) if statements != null }

  # ECS starts a task: image from the service's repository, its log group, secrets injected as variables
  execution = {
    for k, e in var.execution : k => jsonencode({
      Version = "2012-10-17"
      Statement = concat([
        {
          Sid      = "EcrLogin"
          Effect   = "Allow"
          Action   = ["ecr:GetAuthorizationToken"]
          Resource = "*" # GetAuthorizationToken has no resource-level permissions
        },
        {
          Sid      = "PullImage"
          Effect   = "Allow"
          Action   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
          Resource = e.repository_arns
        },
        {
          Sid      = "WriteContainerLogs"
          Effect   = "Allow"
          Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
          Resource = [e.log_group_arn, "${e.log_group_arn}:*"]
        },
        ], length(e.secret_arns) == 0 ? [] : [{
          Sid      = "InjectSecrets"
          Effect   = "Allow"
          Action   = ["secretsmanager:GetSecretValue"]
          Resource = e.secret_arns
          }], local.kms && length(e.secret_arns) > 0 ? [{
          Sid      = "DecryptInjectedSecrets"
          Effect   = "Allow"
          Action   = ["kms:Decrypt"]
          Resource = var.kms_key_arns
      }] : [])
    })
  }

  assume_ecs_tasks = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Condition = { StringEquals = { "aws:SourceAccount" = var.account_id } }
    }]
  })
}

resource "aws_iam_role" "task" {
  for_each           = local.task_documents
  name               = "${var.env}-${local.role_names[each.key]}-task"
  description        = "What ${local.role_names[each.key]} calls in ${var.env}, and its trace collector"
  assume_role_policy = local.assume_ecs_tasks
  tags               = var.tags
}

resource "aws_iam_role_policy" "task" {
  for_each = local.task_documents
  name     = "calls"
  role     = aws_iam_role.task[each.key].id
  policy   = each.value
}

resource "aws_iam_role" "execution" {
  for_each           = var.execution
  name               = "${var.env}-${each.key}-execution"
  description        = "ECS starts ${each.key} in ${var.env}: image, logs, secrets"
  assume_role_policy = local.assume_ecs_tasks
  tags               = var.tags
}

resource "aws_iam_role_policy" "execution" {
  for_each = var.execution
  name     = "start"
  role     = aws_iam_role.execution[each.key].id
  policy   = local.execution[each.key]
}
