# Offline (mocked provider): every route of resources.json becomes rule -> queue (+DLQ) with the JSON's pattern.
mock_provider "aws" {
  mock_resource "aws_sqs_queue" {
    defaults = { arn = "arn:aws:sqs:us-east-1:123456789012:mock", id = "https://sqs.us-east-1.amazonaws.com/123456789012/mock" }
  }
  mock_resource "aws_sns_topic" {
    defaults = { arn = "arn:aws:sns:us-east-1:123456789012:mock" }
  }
  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::mock" }
  }
  mock_resource "aws_cloudwatch_event_bus" {
    defaults = { arn = "arn:aws:events:us-east-1:123456789012:event-bus/mock" }
  }
  mock_resource "aws_cloudwatch_event_rule" {
    defaults = { arn = "arn:aws:events:us-east-1:123456789012:rule/mock/mock" }
  }
  mock_resource "aws_iam_policy" {
    defaults = { arn = "arn:aws:iam::123456789012:policy/mock" }
  }
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{}" }
  }
}

run "names" {
  module {
    source = "../names"
  }
  variables {
    env = "dev"
  }
}

run "one_rule_and_queue_per_route" {
  command = apply

  variables {
    bus_name = run.names.events.bus
    partners = run.names.partners
    alerting = run.names.alerting
  }

  assert {
    condition     = aws_cloudwatch_event_bus.this.name == "dev-tact-events"
    error_message = "bus name from resources.json"
  }
  assert {
    condition     = aws_cloudwatch_event_rule.route["partner-vendor-b"].name == "dev-outbound-vendor-b" && aws_cloudwatch_event_rule.route["alerting"].name == "dev-alerting-file-rejected"
    error_message = "rule names from resources.json"
  }
  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.route["partner-vendor-b"].event_pattern)["detail-type"] == ["AllocationsChanged.v1", "BucketAttributesChanged.v1"]
    error_message = "event pattern copied from resources.json"
  }
  assert {
    condition     = alltrue([for r in aws_cloudwatch_event_rule.route : r.event_bus_name == "dev-tact-events"])
    error_message = "every rule on the custom bus"
  }
  assert {
    condition     = module.queue["partner-custodian-a"].queue_name == "dev-outbound-custodian-a" && module.queue["partner-custodian-a"].dlq_name == "dev-outbound-custodian-a-dlq"
    error_message = "partner queue and DLQ names from resources.json"
  }
  assert {
    condition     = module.queue["alerting"].queue_name == "dev-alerting-events" && module.queue["alerting"].dlq_name == "dev-alerting-events-dlq"
    error_message = "alerting queue and DLQ names from resources.json"
  }
  assert {
    condition     = length(aws_sqs_queue_policy.queue) == 3 && length(aws_sqs_queue_policy.dlq) == 3
    error_message = "each queue and DLQ lets its rule send"
  }
}
