# prod: six brokers (two per zone), 12 partitions, unlimited audit retention, a year of broker logs.
# Replace the placeholder account, VPC, subnet, security group and OIDC provider ids.
#   terraform plan -var-file=envs/prod.tfvars

environment    = "prod"
aws_region     = "eu-west-1"
aws_account_id = "333333333333"
owner          = "rng-stream-platform"
extra_tags     = { CostCenter = "rng-stream-prod", DataClassification = "audit-evidence" }

vpc_id             = "vpc-0a1b2c3d4e5f60003"
private_subnet_ids = ["subnet-0a1b2c3d4e5f60031", "subnet-0a1b2c3d4e5f60032", "subnet-0a1b2c3d4e5f60033"]

client_security_group_ids     = ["sg-0a1b2c3d4e5f60034"]
monitoring_security_group_ids = ["sg-0a1b2c3d4e5f60035"]

kafka_version                      = "4.1.x.kraft"
broker_instance_type               = "kafka.m7g.large"
broker_count                       = 6
broker_volume_size_gib             = 500
storage_autoscaling_max_gib        = 4000
storage_autoscaling_target_percent = 55
enhanced_monitoring                = "PER_BROKER"
broker_log_retention_days          = 365

topic_partitions         = 12
audit_topic_partitions   = 12
topic_replication_factor = 3
topic_retention_ms = {
  requests     = 604800000  # 7 days
  replies      = 86400000   # 1 day
  dead_letters = 1209600000 # 14 days
  audit        = -1         # unlimited: the audit trail
}

eks_oidc_provider_arn     = "arn:aws:iam::333333333333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE0PROD000000000000000000000"
processor_namespace       = "rng-stream"
processor_service_account = "rng-processor"

kms_deletion_window_days    = 30
secret_recovery_window_days = 30
