# Mocked AWS of the DR region.
mock_resource "aws_s3_bucket" {
  defaults = { arn = "arn:aws:s3:::mock-replica" }
}
mock_resource "aws_backup_vault" {
  defaults = { arn = "arn:aws:backup:us-west-2:222222222222:backup-vault:prod-tact-dr" }
}
mock_resource "aws_kms_key" {
  defaults = { arn = "arn:aws:kms:us-west-2:222222222222:key/mock-dr" }
}
