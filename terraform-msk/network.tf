# Networking: the caller's VPC and three private subnets, or a new VPC with three private subnets (one
# per availability zone). Either way nothing here is reachable from the internet: no internet gateway,
# no NAT gateway, no public IPs, public access on the cluster disabled. MSK needs none of them, and
# the clients (EKS) reach the brokers inside the VPC.

locals {
  # MSK spreads brokers evenly over the client subnets; three zones keep a quorum (and, with
  # replication 3 / min.insync.replicas 2, acknowledged writes) through the loss of one zone.
  zone_count = 3

  create_vpc = var.vpc_id == null
  vpc_id     = local.create_vpc ? aws_vpc.this[0].id : var.vpc_id
  subnet_ids = local.create_vpc ? aws_subnet.private[*].id : var.private_subnet_ids
  subnet_azs = local.create_vpc ? aws_subnet.private[*].availability_zone : [for s in data.aws_subnet.existing : s.availability_zone]
}

# --- Use an existing VPC: the given subnets are checked, not trusted ---------------------------------

data "aws_subnet" "existing" {
  for_each = toset(var.private_subnet_ids)
  id       = each.value

  lifecycle {
    postcondition {
      condition     = self.vpc_id == var.vpc_id
      error_message = "Subnet ${self.id} is not in vpc_id ${coalesce(var.vpc_id, "(none)")}."
    }
    postcondition {
      condition     = !self.map_public_ip_on_launch
      error_message = "Subnet ${self.id} gives instances public IPs on launch: brokers belong in private subnets."
    }
  }
}

# --- Or create one ------------------------------------------------------------------------------------

data "aws_availability_zones" "available" {
  count = local.create_vpc ? 1 : 0
  state = "available"

  # Standard zones only: Local Zones and Wavelength Zones do not host MSK brokers.
  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

resource "aws_vpc" "this" {
  count = local.create_vpc ? 1 : 0

  cidr_block = var.vpc_cidr
  # The bootstrap addresses are private DNS names; clients in the VPC must be able to resolve them.
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = merge(local.tags, { Name = local.name })
}

resource "aws_subnet" "private" {
  count = local.create_vpc ? local.zone_count : 0

  vpc_id            = aws_vpc.this[0].id
  availability_zone = data.aws_availability_zones.available[0].names[count.index]
  # Three equal /(n+4) blocks at the start of the VPC range; the rest stays free for EKS subnets.
  cidr_block              = cidrsubnet(var.vpc_cidr, 4, count.index)
  map_public_ip_on_launch = false

  tags = merge(local.tags, {
    Name = "${local.name}-private-${data.aws_availability_zones.available[0].names[count.index]}"
    Tier = "private"
  })
}

# Every VPC comes with a default security group that lets its members talk to each other. Adopting
# it without rules empties it, so nothing ends up open by landing in it by accident.
resource "aws_default_security_group" "this" {
  count = local.create_vpc ? 1 : 0

  vpc_id = aws_vpc.this[0].id

  tags = merge(local.tags, { Name = "${local.name}-default-no-rules" })
}

# Flow logs of the created VPC (an existing VPC is its owner's to log): who talked to the brokers.
resource "aws_cloudwatch_log_group" "flow_logs" {
  count = local.create_vpc ? 1 : 0

  name              = "/rng-stream/${var.environment}/vpc/flow-logs"
  retention_in_days = var.flow_log_retention_days
  kms_key_id        = aws_kms_key.data.arn

  tags = merge(local.tags, { Name = "${local.name}-flow-logs" })
}

data "aws_iam_policy_document" "flow_logs_trust" {
  count = local.create_vpc ? 1 : 0

  statement {
    sid     = "VpcFlowLogsDelivery"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["vpc-flow-logs.amazonaws.com"]
    }

    # Only flow logs of this account may use the role (confused-deputy guard).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "flow_logs" {
  count = local.create_vpc ? 1 : 0

  name               = "${local.name}-vpc-flow-logs"
  description        = "Delivers VPC flow logs of ${local.name} to CloudWatch Logs."
  assume_role_policy = data.aws_iam_policy_document.flow_logs_trust[0].json

  tags = merge(local.tags, { Name = "${local.name}-vpc-flow-logs" })
}

data "aws_iam_policy_document" "flow_logs" {
  count = local.create_vpc ? 1 : 0

  statement {
    sid       = "WriteFlowLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["${aws_cloudwatch_log_group.flow_logs[0].arn}:*"]
  }
}

resource "aws_iam_role_policy" "flow_logs" {
  count = local.create_vpc ? 1 : 0

  name   = "write-flow-logs"
  role   = aws_iam_role.flow_logs[0].id
  policy = data.aws_iam_policy_document.flow_logs[0].json
}

resource "aws_flow_log" "this" {
  count = local.create_vpc ? 1 : 0

  vpc_id               = aws_vpc.this[0].id
  traffic_type         = "ALL"
  log_destination_type = "cloud-watch-logs"
  log_destination      = aws_cloudwatch_log_group.flow_logs[0].arn
  iam_role_arn         = aws_iam_role.flow_logs[0].arn

  tags = merge(local.tags, { Name = "${local.name}-flow-log" })
}

# --- The brokers' security group -------------------------------------------------------------------
#
# No inline rules and no egress rule: Terraform removes the default allow-all egress rule of a new
# group, and the brokers never open connections to clients (replies travel on the clients' connections;
# security groups are stateful). Ingress is one rule per port and source below, only from the client
# and monitoring sources given as inputs. There is no rule for 0.0.0.0/0 and no input can create one
# (the CIDR inputs accept private ranges only).

resource "aws_security_group" "msk" {
  name_prefix = "${local.name}-msk-"
  description = "MSK brokers of ${local.name}: Kafka (SASL over TLS) and Prometheus exporters, from the listed sources only"
  vpc_id      = local.vpc_id

  tags = merge(local.tags, { Name = "${local.name}-msk" })

  lifecycle {
    # A replacement (e.g. another VPC) must exist before the old group can be detached.
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "kafka_iam_from_sg" {
  for_each = toset(var.client_security_group_ids)

  security_group_id            = aws_security_group.msk.id
  description                  = "Kafka SASL/IAM over TLS from client security group ${each.value}"
  ip_protocol                  = "tcp"
  from_port                    = local.ports.sasl_iam
  to_port                      = local.ports.sasl_iam
  referenced_security_group_id = each.value

  tags = merge(local.tags, { Name = "${local.name}-kafka-iam-${each.value}" })
}

resource "aws_vpc_security_group_ingress_rule" "kafka_iam_from_cidr" {
  for_each = toset(var.client_cidr_blocks)

  security_group_id = aws_security_group.msk.id
  description       = "Kafka SASL/IAM over TLS from client range ${each.value}"
  ip_protocol       = "tcp"
  from_port         = local.ports.sasl_iam
  to_port           = local.ports.sasl_iam
  cidr_ipv4         = each.value

  tags = merge(local.tags, { Name = "${local.name}-kafka-iam-${each.value}" })
}

resource "aws_vpc_security_group_ingress_rule" "kafka_scram_from_sg" {
  for_each = var.enable_scram ? toset(var.client_security_group_ids) : toset([])

  security_group_id            = aws_security_group.msk.id
  description                  = "Kafka SASL/SCRAM over TLS from client security group ${each.value}"
  ip_protocol                  = "tcp"
  from_port                    = local.ports.sasl_scram
  to_port                      = local.ports.sasl_scram
  referenced_security_group_id = each.value

  tags = merge(local.tags, { Name = "${local.name}-kafka-scram-${each.value}" })
}

resource "aws_vpc_security_group_ingress_rule" "kafka_scram_from_cidr" {
  for_each = var.enable_scram ? toset(var.client_cidr_blocks) : toset([])

  security_group_id = aws_security_group.msk.id
  description       = "Kafka SASL/SCRAM over TLS from client range ${each.value}"
  ip_protocol       = "tcp"
  from_port         = local.ports.sasl_scram
  to_port           = local.ports.sasl_scram
  cidr_ipv4         = each.value

  tags = merge(local.tags, { Name = "${local.name}-kafka-scram-${each.value}" })
}

resource "aws_vpc_security_group_ingress_rule" "exporters_from_sg" {
  for_each = toset(var.monitoring_security_group_ids)

  security_group_id            = aws_security_group.msk.id
  description                  = "Prometheus JMX and node exporters from monitoring security group ${each.value}"
  ip_protocol                  = "tcp"
  from_port                    = local.ports.jmx_exporter
  to_port                      = local.ports.node_exporter
  referenced_security_group_id = each.value

  tags = merge(local.tags, { Name = "${local.name}-exporters-${each.value}" })
}

resource "aws_vpc_security_group_ingress_rule" "exporters_from_cidr" {
  for_each = toset(var.monitoring_cidr_blocks)

  security_group_id = aws_security_group.msk.id
  description       = "Prometheus JMX and node exporters from monitoring range ${each.value}"
  ip_protocol       = "tcp"
  from_port         = local.ports.jmx_exporter
  to_port           = local.ports.node_exporter
  cidr_ipv4         = each.value

  tags = merge(local.tags, { Name = "${local.name}-exporters-${each.value}" })
}
