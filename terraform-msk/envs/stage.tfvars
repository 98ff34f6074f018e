# stage: production's shape at a third of its size, in the existing platform VPC next to the stage EKS
# cluster. Replace the placeholder account, VPC, subnet, security group and OIDC provider ids.
#   terraform plan -var-file=envs/stage.tfvars

environment    = "stage"
aws_region     = "eu-west-1"
aws_account_id = "222222222222"
owner          = "rng-stream-platform"
extra_tags     = { CostCenter = "rng-stream-stage" }

vpc_id             = "vpc-0a1b2c3d4e5f60002"
private_subnet_ids = ["subnet-0a1b2c3d4e5f60021", "subnet-0a1b2c3d4e5f60022", "subnet-0a1b2c3d4e5f60023"]

# The EKS node security group (or the pods' group, with security groups for pods) and Prometheus's.
client_security_group_ids     = ["sg-0a1b2c3d4e5f60024"]
monitoring_security_group_ids = ["sg-0a1b2c3d4e5f60025"]

kafka_version                      = "4.1.x.kraft"
broker_instance_type               = "kafka.m7g.large"
broker_count                       = 3
broker_volume_size_gib             = 100
storage_autoscaling_max_gib        = 500
storage_autoscaling_target_percent = 60
enhanced_monitoring                = "DEFAULT"
broker_log_retention_days          = 30

topic_partitions         = 12
topic_replication_factor = 3
topic_retention_ms = {
  requests     = 604800000  # 7 days
  replies      = 86400000   # 1 day
  dead_letters = 1209600000 # 14 days
  audit        = -1         # unlimited: the audit trail
}

eks_oidc_provider_arn     = "arn:aws:iam::222222222222:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE0STAGE00000000000000000000"
processor_namespace       = "rng-stream"
processor_service_account = "rng-processor"

kms_deletion_window_days    = 30
secret_recovery_window_days = 30
