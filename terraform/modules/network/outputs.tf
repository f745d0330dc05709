output "security_group_id" {
  value = aws_security_group.endpoints.id
}

output "s3_gateway_endpoint_id" {
  value = aws_vpc_endpoint.s3.id
}

output "interface_endpoint_ids" {
  description = "Service => interface endpoint id."
  value       = { for k, e in aws_vpc_endpoint.interface : k => e.id }
}

output "sns_endpoint_dns_name" {
  description = "Regional DNS name of the SNS interface endpoint (vpce-...sns.<region>.vpce.amazonaws.com); an explicit endpoint URL for the alerting service if private DNS is not used."
  value       = try(aws_vpc_endpoint.interface["sns"].dns_entry[0].dns_name, null)
}

output "sns_endpoint_url" {
  description = "https:// URL of the SNS interface endpoint, for AWS_ENDPOINT_URL_SNS of the alerting service."
  value       = try("https://${aws_vpc_endpoint.interface["sns"].dns_entry[0].dns_name}", null)
}

output "sns_private_dns_name" {
  description = "With private DNS the standard name resolves to the endpoint inside the VPC; no setting needed."
  value       = contains(var.interface_services, "sns") ? "sns.${var.region}.amazonaws.com" : null
}
