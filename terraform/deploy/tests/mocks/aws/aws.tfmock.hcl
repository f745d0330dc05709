# Mocked AWS of the primary region: ARNs shaped like real ones where the provider validates them.
mock_data "aws_caller_identity" {
  defaults = { account_id = "222222222222" }
}
mock_data "aws_vpc" {
  defaults = { cidr_block = "10.20.0.0/16" }
}
# resource policies (bucket TLS-only, queue and key policies) still come from aws_iam_policy_document, which a
# mocked provider cannot render; the services' identity policies are jsonencode'd and tested below
mock_data "aws_iam_policy_document" {
  defaults = { json = "{}" }
}
mock_data "aws_route_tables" {
  defaults = { ids = ["rtb-1"] }
}
mock_resource "aws_sqs_queue" {
  defaults = { arn = "arn:aws:sqs:us-east-1:222222222222:mock", id = "https://sqs.us-east-1.amazonaws.com/222222222222/mock" }
}
mock_resource "aws_sns_topic" {
  defaults = { arn = "arn:aws:sns:us-east-1:222222222222:mock-topic" }
}
mock_resource "aws_s3_bucket" {
  defaults = { arn = "arn:aws:s3:::mock-bucket" }
}
mock_resource "aws_cloudwatch_event_bus" {
  defaults = { arn = "arn:aws:events:us-east-1:222222222222:event-bus/mock" }
}
mock_resource "aws_cloudwatch_event_rule" {
  defaults = { arn = "arn:aws:events:us-east-1:222222222222:rule/mock/mock" }
}
mock_resource "aws_kms_key" {
  defaults = { arn = "arn:aws:kms:us-east-1:222222222222:key/mock" }
}
# aws_secretsmanager_secret: no default, so that every secret gets its own (random) ARN to tell them apart
mock_resource "aws_cloudwatch_log_group" {
  defaults = { arn = "arn:aws:logs:us-east-1:222222222222:log-group:mock" }
}
mock_resource "aws_ecr_repository" {
  defaults = { arn = "arn:aws:ecr:us-east-1:222222222222:repository/mock", repository_url = "222222222222.dkr.ecr.us-east-1.amazonaws.com/mock" }
}
mock_resource "aws_iam_role" {
  defaults = { arn = "arn:aws:iam::222222222222:role/mock" }
}
mock_resource "aws_rds_cluster" {
  defaults = {
    arn                 = "arn:aws:rds:us-east-1:222222222222:cluster:prod-tact-db"
    endpoint            = "tact-db.cluster-mock.us-east-1.rds.amazonaws.com"
    reader_endpoint     = "tact-db.cluster-ro-mock.us-east-1.rds.amazonaws.com"
    port                = 5432
    cluster_resource_id = "cluster-MOCK"
    master_user_secret  = [{ secret_arn = "arn:aws:secretsmanager:us-east-1:222222222222:secret:rds-master", kms_key_id = "", secret_status = "active" }]
  }
}
mock_resource "aws_backup_vault" {
  defaults = { arn = "arn:aws:backup:us-west-2:222222222222:backup-vault:prod-tact-dr" }
}
mock_resource "aws_lb" {
  defaults = { arn = "arn:aws:elasticloadbalancing:us-east-1:222222222222:loadbalancer/app/prod-tact/0123456789abcdef", arn_suffix = "app/prod-tact/0123456789abcdef", dns_name = "internal-prod-tact-1.us-east-1.elb.amazonaws.com" }
}
mock_resource "aws_lb_listener" {
  defaults = { arn = "arn:aws:elasticloadbalancing:us-east-1:222222222222:listener/app/prod-tact/0123456789abcdef/0123456789abcdef" }
}
mock_resource "aws_lb_target_group" {
  defaults = { arn = "arn:aws:elasticloadbalancing:us-east-1:222222222222:targetgroup/mock/0123456789abcdef", arn_suffix = "targetgroup/mock/0123456789abcdef" }
}
mock_resource "aws_ecs_cluster" {
  defaults = { arn = "arn:aws:ecs:us-east-1:222222222222:cluster/prod-tact", id = "arn:aws:ecs:us-east-1:222222222222:cluster/prod-tact" }
}
mock_resource "aws_ecs_task_definition" {
  defaults = { arn = "arn:aws:ecs:us-east-1:222222222222:task-definition/mock:1" }
}
mock_resource "aws_ecs_service" {
  defaults = { id = "arn:aws:ecs:us-east-1:222222222222:service/prod-tact/mock" }
}
mock_resource "aws_backup_plan" {
  defaults = { arn = "arn:aws:backup:us-east-1:222222222222:backup-plan:mock" }
}
mock_resource "aws_rds_global_cluster" {
  defaults = { arn = "arn:aws:rds::222222222222:global-cluster:mock" }
}
mock_resource "aws_vpc_endpoint" {
  defaults = { dns_entry = [{ dns_name = "vpce-0abc-mock.sns.us-east-1.vpce.amazonaws.com", hosted_zone_id = "Z7HUB22UULQXV" }] }
}
