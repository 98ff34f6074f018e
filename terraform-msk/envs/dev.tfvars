# dev: smallest useful cluster, in a VPC of its own. Replace the placeholder account and OIDC provider.
#   terraform plan -var-file=envs/dev.tfvars

environment    = "dev"
aws_region     = "eu-west-1"
aws_account_id = "111111111111"
owner          = "rng-stream-platform"
extra_tags     = { CostCenter = "rng-stream-dev" }

# A new VPC (vpc_id = null); the dev EKS node group runs in this VPC, so the VPC range is the client range.
vpc_cidr                = "10.60.0.0/16"
client_cidr_blocks      = ["10.60.0.0/16"]
monitoring_cidr_blocks  = ["10.60.0.0/16"]
flow_log_retention_days = 7

kafka_version                      = "4.1.x.kraft"
broker_instance_type               = "kafka.t3.small"
broker_count                       = 3
broker_volume_size_gib             = 20
storage_autoscaling_max_gib        = 100
storage_autoscaling_target_percent = 60
enhanced_monitoring                = "DEFAULT"
broker_log_retention_days          = 7

topic_partitions         = 3
topic_replication_factor = 3
topic_retention_ms = {
  requests     = 86400000    # 1 day
  replies      = 3600000     # 1 hour
  dead_letters = 259200000   # 3 days
  audit        = 31536000000 # 1 year: dev draws are not evidence
}

eks_oidc_provider_arn     = "arn:aws:iam::111111111111:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE0DEV0000000000000000000000"
processor_namespace       = "rng-stream"
processor_service_account = "rng-processor"

kms_deletion_window_days    = 7
secret_recovery_window_days = 7
