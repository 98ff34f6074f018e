# The MSK provisioned cluster (Standard brokers, KRaft) and what belongs to it: its configuration,
# broker logs, storage autoscaling and, optionally, SCRAM users.

# Broker defaults the processor relies on. Kept literal (no interpolation) so that the offline test
# can read them. MSK applies them to every topic that does not override them.
#  - auto.create.topics.enable=false: topics exist only as code (topics.tf); a client's typo must not
#    create a topic with default settings.
#  - default.replication.factor=3, min.insync.replicas=2: an acknowledged write (acks=all, which the
#    processor's exactly-once producer uses) is on two zones before the client hears "ok".
#  - unclean.leader.election.enable=false: never elect an out-of-sync replica, i.e. never drop
#    acknowledged records (the audit trail) to regain availability.
#  - offsets and transaction state logs replicated like the data: exactly_once_v2 commits through
#    them, so they must be as durable as the topics.
#  - allow.everyone.if.no.acl.found=false: matters only with SCRAM (IAM clients are authorised by IAM
#    policies): a SCRAM user without ACLs can do nothing, instead of everything.
resource "aws_msk_configuration" "this" {
  # The name carries the Kafka version: a version change creates a new configuration before the old
  # one is deleted (create_before_destroy) instead of colliding with it.
  name           = "${local.name}-${replace(var.kafka_version, ".", "-")}"
  description    = "Broker defaults for rng-stream (${var.environment})"
  kafka_versions = [var.kafka_version]

  server_properties = <<-PROPERTIES
    auto.create.topics.enable=false
    default.replication.factor=3
    min.insync.replicas=2
    unclean.leader.election.enable=false
    offsets.topic.replication.factor=3
    transaction.state.log.replication.factor=3
    transaction.state.log.min.isr=2
    allow.everyone.if.no.acl.found=false
  PROPERTIES

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "broker" {
  name              = "${local.log_group_prefix}msk/broker"
  retention_in_days = var.broker_log_retention_days
  kms_key_id        = aws_kms_key.data.arn

  tags = merge(local.tags, { Name = "${local.name}-msk-broker-logs" })
}

resource "aws_msk_cluster" "this" {
  cluster_name           = local.name
  kafka_version          = var.kafka_version
  number_of_broker_nodes = var.broker_count
  enhanced_monitoring    = var.enhanced_monitoring

  broker_node_group_info {
    instance_type   = var.broker_instance_type
    client_subnets  = local.subnet_ids
    security_groups = [aws_security_group.msk.id]

    storage_info {
      ebs_storage_info {
        volume_size = var.broker_volume_size_gib
      }
    }

    # Brokers get no public endpoints (MSK's default, stated so that no later edit turns it on
    # silently); clients connect from inside the VPC.
    connectivity_info {
      public_access {
        type = "DISABLED"
      }
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.this.arn
    revision = aws_msk_configuration.this.latest_revision
  }

  # IAM authentication (SigV4 through the aws-msk-iam-auth client library) for every client, so access
  # is granted per topic, group and transactional id by IAM policies (iam.tf). SCRAM is an opt-in for
  # clients that cannot do IAM. Unauthenticated access and mTLS are off.
  client_authentication {
    unauthenticated = false

    sasl {
      iam   = true
      scram = var.enable_scram
    }
  }

  encryption_info {
    # At rest: our customer-managed key, not the AWS-managed aws/msk key, so key use is under our
    # policy and visible in CloudTrail.
    encryption_at_rest_kms_key_arn = aws_kms_key.data.arn

    # In transit: TLS only between clients and brokers (no plaintext listener at all) and between
    # brokers.
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  # Prometheus exporters on the brokers (ports 11001/11002, reachable only from the monitoring
  # sources in network.tf). No extra charge.
  open_monitoring {
    prometheus {
      jmx_exporter {
        enabled_in_broker = true
      }
      node_exporter {
        enabled_in_broker = true
      }
    }
  }

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.broker.name
      }
    }
  }

  tags = merge(local.tags, { Name = local.name })

  lifecycle {
    # Storage autoscaling (below) grows the volumes; without this, the next plan would try to set
    # them back to broker_volume_size_gib, which MSK refuses (volumes cannot shrink).
    ignore_changes = [broker_node_group_info[0].storage_info[0].ebs_storage_info[0].volume_size]

    precondition {
      condition     = length(local.subnet_ids) == local.zone_count && length(distinct(local.subnet_azs)) == local.zone_count
      error_message = "The brokers need three subnets in three different availability zones."
    }

    precondition {
      condition     = var.broker_count % length(local.subnet_ids) == 0
      error_message = "broker_count must be a multiple of the number of subnets (zones)."
    }

    precondition {
      condition     = length(var.client_security_group_ids) + length(var.client_cidr_blocks) > 0
      error_message = "Give client_security_group_ids or client_cidr_blocks: otherwise no client can reach the cluster."
    }

    precondition {
      condition     = var.storage_autoscaling_max_gib >= var.broker_volume_size_gib
      error_message = "storage_autoscaling_max_gib must be at least broker_volume_size_gib."
    }

    precondition {
      condition     = !var.enable_scram || length(var.scram_secret_arns) > 0
      error_message = "enable_scram needs at least one secret in scram_secret_arns."
    }
  }
}

# Storage autoscaling: MSK grows each broker's volume when disk use passes the target, up to the
# maximum. It never shrinks (disable_scale_in), as MSK cannot.
resource "aws_appautoscaling_target" "broker_storage" {
  service_namespace  = "kafka"
  scalable_dimension = "kafka:broker-storage:VolumeSize"
  resource_id        = aws_msk_cluster.this.arn
  min_capacity       = 1
  max_capacity       = var.storage_autoscaling_max_gib

  tags = merge(local.tags, { Name = "${local.name}-broker-storage" })
}

resource "aws_appautoscaling_policy" "broker_storage" {
  name               = "${local.name}-broker-storage"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.broker_storage.service_namespace
  scalable_dimension = aws_appautoscaling_target.broker_storage.scalable_dimension
  resource_id        = aws_appautoscaling_target.broker_storage.resource_id

  target_tracking_scaling_policy_configuration {
    target_value     = var.storage_autoscaling_target_percent
    disable_scale_in = true

    predefined_metric_specification {
      predefined_metric_type = "KafkaBrokerStorageUtilization"
    }
  }
}

# SCRAM users (opt-in): each secret is one user; its Kafka ACLs are managed outside this folder.
resource "aws_msk_single_scram_secret_association" "this" {
  for_each = var.enable_scram ? toset(var.scram_secret_arns) : toset([])

  cluster_arn = aws_msk_cluster.this.arn
  secret_arn  = each.value
}
