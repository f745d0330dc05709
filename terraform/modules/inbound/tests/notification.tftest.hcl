# Offline (mocked provider): bucket -> ObjectCreated under the prefix -> queue with redrive to the DLQ.
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
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
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

run "bucket_notifies_queue" {
  command = apply

  variables {
    names = run.names.inbound
  }

  assert {
    condition     = module.bucket.id == "dev-inbound-files"
    error_message = "bucket name from resources.json"
  }
  assert {
    condition     = one(aws_s3_bucket_notification.inbound.queue).filter_prefix == "incoming/" && one(aws_s3_bucket_notification.inbound.queue).events == toset(["s3:ObjectCreated:*"])
    error_message = "ObjectCreated only, filtered on notificationPrefix"
  }
  assert {
    condition     = module.queue.queue_name == "dev-inbound-files" && module.queue.dlq_name == "dev-inbound-files-dlq"
    error_message = "queue names from resources.json"
  }
}
