# Inputs. Every variable has a description, a type and (unless it is a bool) a validation;
# test/invariants.test.mjs enforces that. Per-environment values live in envs/<env>.tfvars.

# --- Account, region, naming -------------------------------------------------------------------

variable "environment" {
  description = "Environment name; part of every resource name (rng-stream-<environment>) and the Environment tag."
  type        = string

  validation {
    condition     = contains(["dev", "stage", "prod"], var.environment)
    error_message = "environment must be one of dev, stage, prod."
  }
}

variable "aws_region" {
  description = "AWS region of the cluster and everything else here, e.g. eu-west-1. It needs at least three availability zones."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must look like eu-west-1."
  }
}

variable "aws_account_id" {
  description = "The only AWS account this configuration may change (provider allowed_account_ids): a guard against applying one environment's values with another's credentials."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.aws_account_id))
    error_message = "aws_account_id must be 12 digits."
  }
}

variable "owner" {
  description = "Team or person accountable for this environment (Owner tag)."
  type        = string

  validation {
    condition     = length(trimspace(var.owner)) > 0 && length(var.owner) <= 256
    error_message = "owner must be a non-empty tag value of at most 256 characters."
  }
}

variable "extra_tags" {
  description = "Additional tags for every resource (e.g. CostCenter). The standard tags (Project, Environment, Component, ManagedBy, Owner) win on conflicts."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.extra_tags : length(k) >= 1 && length(k) <= 128 && length(v) <= 256 && !startswith(lower(k), "aws:")])
    error_message = "Tag keys must be 1-128 characters and not start with aws:, values at most 256 characters."
  }
}

# --- Networking ---------------------------------------------------------------------------------

variable "vpc_id" {
  description = "Existing VPC to place the brokers in. null creates a new VPC with three private subnets (vpc_cidr); then the clients (EKS) must run in, or be routed to, that VPC."
  type        = string
  default     = null

  validation {
    condition     = var.vpc_id == null || can(regex("^vpc-[0-9a-f]{8,17}$", var.vpc_id))
    error_message = "vpc_id must be null or a VPC id (vpc-...)."
  }
}

variable "private_subnet_ids" {
  description = "With vpc_id: three private subnets of that VPC, one per availability zone, for the brokers. Leave empty when creating the VPC."
  type        = list(string)
  default     = []

  validation {
    condition     = (length(var.private_subnet_ids) == 0 || length(var.private_subnet_ids) == 3) && alltrue([for s in var.private_subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))])
    error_message = "private_subnet_ids must be empty or exactly three subnet ids (subnet-...), one per availability zone."
  }
}

variable "vpc_cidr" {
  description = "CIDR of the VPC created when vpc_id is null; split into three private /(n+4) subnets, one per availability zone."
  type        = string
  default     = "10.60.0.0/16"

  validation {
    condition     = try(cidrhost(var.vpc_cidr, 0) != "" && tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 24, false)
    error_message = "vpc_cidr must be an IPv4 CIDR between /16 and /24."
  }
}

variable "client_security_group_ids" {
  description = "Security groups of the Kafka clients (the EKS pods' or nodes' security groups). Only these, and client_cidr_blocks, may reach the Kafka listeners."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for sg in var.client_security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", sg))])
    error_message = "client_security_group_ids must be security group ids (sg-...)."
  }
}

variable "client_cidr_blocks" {
  description = "Private IPv4 ranges allowed to reach the Kafka listeners, for clients that have no security group to reference (peered VPCs, VPN). Never a public or catch-all range."
  type        = list(string)
  default     = []

  validation {
    # Private ranges only (RFC 1918 and the RFC 6598 shared space): 0.0.0.0/0 and every public range
    # fail, and so does anything that is not an IPv4 CIDR (try() turns the error into false).
    condition = alltrue([for c in var.client_cidr_blocks : try(
      (can(regex("^10\\.", cidrhost(c, 0))) && tonumber(split("/", c)[1]) >= 8) ||
      (can(regex("^172\\.(1[6-9]|2[0-9]|3[01])\\.", cidrhost(c, 0))) && tonumber(split("/", c)[1]) >= 12) ||
      (can(regex("^192\\.168\\.", cidrhost(c, 0))) && tonumber(split("/", c)[1]) >= 16) ||
      (can(regex("^100\\.(6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7])\\.", cidrhost(c, 0))) && tonumber(split("/", c)[1]) >= 10),
    false)])
    error_message = "client_cidr_blocks must be private IPv4 CIDRs (inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10); 0.0.0.0/0 is never allowed."
  }
}

variable "monitoring_security_group_ids" {
  description = "Security groups of the Prometheus servers that scrape the brokers' JMX and node exporters (ports 11001-11002)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for sg in var.monitoring_security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", sg))])
    error_message = "monitoring_security_group_ids must be security group ids (sg-...)."
  }
}

variable "monitoring_cidr_blocks" {
  description = "Private IPv4 ranges allowed to scrape the brokers' exporters (ports 11001-11002). Never a public or catch-all range."
  type        = list(string)
  default     = []

  validation {
    condition = alltrue([for c in var.monitoring_cidr_blocks : try(
      (can(regex("^10\\.", cidrhost(c, 0))) && tonumber(split("/", c)[1]) >= 8) ||
      (can(regex("^172\\.(1[6-9]|2[0-9]|3[01])\\.", cidrhost(c, 0))) && tonumber(split("/", c)[1]) >= 12) ||
      (can(regex("^192\\.168\\.", cidrhost(c, 0))) && tonumber(split("/", c)[1]) >= 16) ||
      (can(regex("^100\\.(6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7])\\.", cidrhost(c, 0))) && tonumber(split("/", c)[1]) >= 10),
    false)])
    error_message = "monitoring_cidr_blocks must be private IPv4 CIDRs (inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10); 0.0.0.0/0 is never allowed."
  }
}

variable "flow_log_retention_days" {
  description = "Days to keep VPC flow logs (only when this configuration creates the VPC)."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_log_retention_days)
    error_message = "flow_log_retention_days must be a CloudWatch Logs retention value (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

# --- MSK cluster ----------------------------------------------------------------------------------

variable "kafka_version" {
  description = "Apache Kafka version of the cluster, as MSK names it (KRaft), e.g. 4.1.x.kraft. Must be a 4.x that MSK supports for Standard brokers."
  type        = string
  default     = "4.1.x.kraft"

  validation {
    condition     = can(regex("^4\\.[0-9]+\\.x\\.kraft$", var.kafka_version))
    error_message = "kafka_version must be an MSK 4.x KRaft version such as 4.0.x.kraft or 4.1.x.kraft."
  }
}

variable "broker_instance_type" {
  description = "MSK Standard broker instance type, e.g. kafka.t3.small (dev), kafka.m7g.large."
  type        = string

  validation {
    condition     = can(regex("^kafka\\.[a-z0-9]+\\.[a-z0-9]+$", var.broker_instance_type))
    error_message = "broker_instance_type must be an MSK broker type such as kafka.m7g.large."
  }
}

variable "broker_count" {
  description = "Number of brokers: a multiple of the three availability zones, at least 3 (replication 3 with min.insync.replicas 2)."
  type        = number

  validation {
    condition     = var.broker_count >= 3 && var.broker_count % 3 == 0 && floor(var.broker_count) == var.broker_count
    error_message = "broker_count must be 3, 6, 9, ... (a multiple of the three zones)."
  }
}

variable "broker_volume_size_gib" {
  description = "Initial EBS volume per broker in GiB. Storage autoscaling grows it afterwards; Terraform then ignores the grown size (MSK cannot shrink volumes)."
  type        = number

  validation {
    condition     = var.broker_volume_size_gib >= 1 && var.broker_volume_size_gib <= 16384
    error_message = "broker_volume_size_gib must be between 1 and 16384."
  }
}

variable "storage_autoscaling_max_gib" {
  description = "Upper bound in GiB per broker for storage autoscaling."
  type        = number

  validation {
    condition     = var.storage_autoscaling_max_gib >= 1 && var.storage_autoscaling_max_gib <= 16384
    error_message = "storage_autoscaling_max_gib must be between 1 and 16384."
  }
}

variable "storage_autoscaling_target_percent" {
  description = "Disk utilisation (percent) at which MSK grows broker storage. AWS recommends 50-60."
  type        = number
  default     = 60

  validation {
    condition     = var.storage_autoscaling_target_percent >= 10 && var.storage_autoscaling_target_percent <= 80
    error_message = "storage_autoscaling_target_percent must be between 10 and 80."
  }
}

variable "enhanced_monitoring" {
  description = "MSK CloudWatch metrics level. DEFAULT is free; PER_BROKER and above are billed per metric. Per-broker detail is also available free through open monitoring (Prometheus)."
  type        = string
  default     = "DEFAULT"

  validation {
    condition     = contains(["DEFAULT", "PER_BROKER", "PER_TOPIC_PER_BROKER", "PER_TOPIC_PER_PARTITION"], var.enhanced_monitoring)
    error_message = "enhanced_monitoring must be DEFAULT, PER_BROKER, PER_TOPIC_PER_BROKER or PER_TOPIC_PER_PARTITION."
  }
}

variable "broker_log_retention_days" {
  description = "Days to keep broker logs in CloudWatch Logs."
  type        = number

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.broker_log_retention_days)
    error_message = "broker_log_retention_days must be a CloudWatch Logs retention value (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "enable_scram" {
  description = "Also enable SASL/SCRAM (port 9096) for clients that cannot use IAM. IAM stays on. SCRAM users are Secrets Manager secrets (scram_secret_arns) and need Kafka ACLs: the cluster denies by default."
  type        = bool
  default     = false
}

variable "scram_secret_arns" {
  description = "With enable_scram: Secrets Manager secrets (names starting AmazonMSK_, encrypted with a customer-managed KMS key) holding SCRAM users to associate with the cluster."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.scram_secret_arns : can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:AmazonMSK_.+$", a))])
    error_message = "scram_secret_arns must be Secrets Manager secret ARNs whose names start with AmazonMSK_."
  }
}

variable "kms_deletion_window_days" {
  description = "Waiting period before a deleted KMS key is destroyed (data written with it becomes unreadable then)."
  type        = number
  default     = 30

  validation {
    condition     = var.kms_deletion_window_days >= 7 && var.kms_deletion_window_days <= 30
    error_message = "kms_deletion_window_days must be between 7 and 30."
  }
}

# --- Topics ---------------------------------------------------------------------------------------

variable "topic_partitions" {
  description = "Partitions of the requests, replies and dead-letter topics: the ceiling on processor instances. Can only grow, and growing it moves clientIds to other partitions."
  type        = number
  default     = 12

  validation {
    condition     = var.topic_partitions >= 1 && var.topic_partitions <= 1000 && floor(var.topic_partitions) == var.topic_partitions
    error_message = "topic_partitions must be a whole number between 1 and 1000."
  }
}

variable "audit_topic_partitions" {
  description = "Partitions of the audit topic; null means the same as topic_partitions. Must be at least topic_partitions: audit partition n is the history of request partition n, and the processor refuses to start otherwise."
  type        = number
  default     = null

  validation {
    condition     = var.audit_topic_partitions == null || try(var.audit_topic_partitions >= 1 && floor(var.audit_topic_partitions) == var.audit_topic_partitions, false)
    error_message = "audit_topic_partitions must be null or a whole number of at least 1."
  }
}

variable "topic_replication_factor" {
  description = "Replication factor of the rng topics. 3 with min.insync.replicas 2 survives the loss of one zone without losing acknowledged writes."
  type        = number
  default     = 3

  validation {
    condition     = var.topic_replication_factor >= 3 && floor(var.topic_replication_factor) == var.topic_replication_factor
    error_message = "topic_replication_factor must be a whole number of at least 3 (min.insync.replicas is 2)."
  }
}

variable "topic_retention_ms" {
  description = "Retention per topic in milliseconds. The audit topic is the audit trail: -1 (unlimited) or at least a year."
  type = object({
    requests     = number
    replies      = number
    dead_letters = number
    audit        = number
  })
  default = {
    requests     = 604800000  # 7 days
    replies      = 86400000   # 1 day
    dead_letters = 1209600000 # 14 days
    audit        = -1         # unlimited
  }

  validation {
    condition     = var.topic_retention_ms.requests >= 3600000 && var.topic_retention_ms.replies >= 3600000 && var.topic_retention_ms.dead_letters >= 3600000
    error_message = "requests, replies and dead_letters retention must be at least one hour (3600000 ms)."
  }

  validation {
    condition     = var.topic_retention_ms.audit == -1 || var.topic_retention_ms.audit >= 31536000000
    error_message = "audit retention must be -1 (unlimited) or at least 365 days (31536000000 ms): it is the audit trail."
  }
}

# --- Processor identity, image, signing key --------------------------------------------------------

variable "eks_oidc_provider_arn" {
  description = "ARN of the IAM OIDC provider of the EKS cluster that runs the processor (IRSA), e.g. arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC..."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/oidc\\.eks\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/id/[0-9A-Za-z]+$", var.eks_oidc_provider_arn))
    error_message = "eks_oidc_provider_arn must be an EKS IAM OIDC provider ARN (...:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<id>)."
  }
}

variable "processor_namespace" {
  description = "Kubernetes namespace of the processor's service account."
  type        = string
  default     = "rng-stream"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.processor_namespace))
    error_message = "processor_namespace must be a Kubernetes namespace name (DNS label)."
  }
}

variable "processor_service_account" {
  description = "Kubernetes service account the processor runs as; only it can assume the processor role."
  type        = string
  default     = "rng-processor"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", var.processor_service_account))
    error_message = "processor_service_account must be a Kubernetes service account name."
  }
}

variable "ecr_untagged_image_expiry_days" {
  description = "Days after which untagged images (leftovers of failed pushes) are removed from the ECR repository. Tagged images are kept: tags are immutable release names."
  type        = number
  default     = 14

  validation {
    condition     = var.ecr_untagged_image_expiry_days >= 1
    error_message = "ecr_untagged_image_expiry_days must be at least 1."
  }
}

variable "secret_recovery_window_days" {
  description = "Days a deleted signing-key secret can still be restored. 0 deletes at once (dev only)."
  type        = number
  default     = 30

  validation {
    condition     = var.secret_recovery_window_days == 0 || (var.secret_recovery_window_days >= 7 && var.secret_recovery_window_days <= 30)
    error_message = "secret_recovery_window_days must be 0 or between 7 and 30."
  }
}
