# Private paths to the AWS APIs the services use, so alerts still go out when a firewall change cuts
# the internet path: an S3 gateway endpoint and interface endpoints with private DNS, which make the
# standard names (sns.<region>.amazonaws.com, ...) resolve to addresses inside the VPC.
data "aws_vpc" "this" {
  id = var.vpc_id
}

data "aws_route_tables" "vpc" {
  count  = var.route_table_ids == null ? 1 : 0
  vpc_id = var.vpc_id
}

locals {
  route_table_ids = var.route_table_ids == null ? data.aws_route_tables.vpc[0].ids : var.route_table_ids
}

resource "aws_security_group" "endpoints" {
  name        = "${var.name_prefix}-vpc-endpoints"
  description = "HTTPS from the VPC to the AWS interface endpoints"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name_prefix}-vpc-endpoints" })
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  # keys known at plan time even when the VPC is created in the same run
  for_each          = merge({ vpc = data.aws_vpc.this.cidr_block }, { for c in var.extra_ingress_cidrs : c => c })
  security_group_id = aws_security_group.endpoints.id
  description       = "HTTPS to the AWS APIs"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.${var.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = local.route_table_ids
  tags              = merge(var.tags, { Name = "${var.name_prefix}-s3" })
}

resource "aws_vpc_endpoint" "interface" {
  for_each            = toset(var.interface_services)
  vpc_id              = var.vpc_id
  service_name        = "com.amazonaws.${var.region}.${each.value}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = var.subnet_ids
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true
  tags                = merge(var.tags, { Name = "${var.name_prefix}-${each.value}" })
}
