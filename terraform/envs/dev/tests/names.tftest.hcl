# Offline: the AWS provider is mocked, nothing is sent to AWS. Run by terraform/validate.sh.
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
  mock_data "aws_vpc" {
    defaults = { cidr_block = "10.20.0.0/16" }
  }
  mock_data "aws_route_tables" {
    defaults = { ids = ["rtb-1"] }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{}" }
  }
  mock_resource "aws_vpc_endpoint" {
    defaults = { dns_entry = [{ dns_name = "vpce-0abc-mock.sns.us-east-1.vpce.amazonaws.com", hosted_zone_id = "Z7HUB22UULQXV" }] }
  }
  mock_resource "aws_rds_cluster" {
    defaults = { master_user_secret = [{ secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db", kms_key_id = "", secret_status = "active" }] }
  }
}

variables {
  vpc_id       = "vpc-1"
  subnet_ids   = ["subnet-1", "subnet-2"]
  alert_emails = ["ops@example.com", "risk@example.com"]
}

run "names_come_from_resources_json" {
  command = apply

  assert {
    condition     = output.service_env.TACT_INBOUND_BUCKET == "dev-inbound-files" && output.service_env.TACT_ALERT_PAYLOAD_BUCKET == "dev-alerting-payloads"
    error_message = "bucket names must be those of resources.json with {env}=dev"
  }
  assert {
    condition     = output.service_env.TACT_INBOUND_QUEUE == "dev-inbound-files" && output.service_env.TACT_INBOUND_DLQ == "dev-inbound-files-dlq"
    error_message = "inbound queue names must be those of resources.json"
  }
  assert {
    condition     = output.service_env.TACT_EVENT_BUS == "dev-tact-events" && output.service_env.AWS_REGION == "us-east-1"
    error_message = "bus name and region must be those of resources.json"
  }
  assert {
    condition     = toset(keys(output.partner_queue_urls)) == toset(["custodian-a", "vendor-b"])
    error_message = "one queue per partner of resources.json"
  }
  assert {
    condition     = toset(keys(output.topic_arns)) == toset(["critical", "warning", "info"])
    error_message = "one topic per severity"
  }
  assert {
    condition     = toset(keys(output.service_policy_arns)) == toset(["inbound", "outbound", "alerting"])
    error_message = "one policy per service"
  }
  assert {
    condition     = output.sns_endpoint_url == "https://vpce-0abc-mock.sns.us-east-1.vpce.amazonaws.com" && output.aurora_writer_endpoint == null
    error_message = "dev has the SNS endpoint and no Aurora unless enable_aurora"
  }
}

run "bucket_suffix_applies_to_buckets_only" {
  command = apply

  variables {
    bucket_name_suffix = "-123456789012"
    enable_aurora      = true
  }

  assert {
    condition     = output.service_env.TACT_INBOUND_BUCKET == "dev-inbound-files-123456789012" && output.service_env.TACT_ALERT_PAYLOAD_BUCKET == "dev-alerting-payloads-123456789012"
    error_message = "the suffix must be appended to both bucket names"
  }
  assert {
    condition     = output.service_env.TACT_INBOUND_QUEUE == "dev-inbound-files"
    error_message = "queue names must not get the bucket suffix"
  }
  assert {
    condition     = output.aurora_writer_endpoint != null && output.aurora_reader_endpoint != null
    error_message = "enable_aurora must create the cluster with writer and reader endpoints"
  }
}
