# Topics as code, through MSK's own topic API (aws_msk_topic): Terraform talks to the AWS API over
# HTTPS, so plan/apply need no network path to the private brokers and no Kafka client credentials.
# The processor then runs with topics.create=false (RNG_TOPICS_CREATE=false) and needs no permission to
# create its contract topics.
#
# Names come from local.topic_names (locals.tf), which the offline test compares with the processor's
# Topics.java. Partitions can only grow; replication factor changes replace the topic.

locals {
  # Settings every rng topic pins, whatever the broker defaults become. Strings: that is how the MSK
  # topic API takes them.
  topic_common_configs = {
    "cleanup.policy"                 = "delete"
    "min.insync.replicas"            = "2"
    "unclean.leader.election.enable" = "false"
  }

  # Audit partition n holds the history of request partition n (a custom partitioner in the processor),
  # so the audit topic needs at least as many partitions as the requests topic.
  audit_topic_partitions = coalesce(var.audit_topic_partitions, var.topic_partitions)
}

resource "aws_msk_topic" "requests" {
  cluster_arn        = aws_msk_cluster.this.arn
  name               = local.topic_names.requests
  partition_count    = var.topic_partitions
  replication_factor = var.topic_replication_factor

  configs = jsonencode(merge(local.topic_common_configs, {
    "retention.ms" = tostring(var.topic_retention_ms.requests)
  }))

  # The processor refuses to start while the audit topic has fewer partitions than this one: grow the
  # audit topic first.
  depends_on = [aws_msk_topic.audit]

  lifecycle {
    precondition {
      condition     = var.topic_replication_factor <= var.broker_count
      error_message = "topic_replication_factor cannot exceed broker_count."
    }
  }
}

resource "aws_msk_topic" "replies" {
  cluster_arn        = aws_msk_cluster.this.arn
  name               = local.topic_names.replies
  partition_count    = var.topic_partitions
  replication_factor = var.topic_replication_factor

  configs = jsonencode(merge(local.topic_common_configs, {
    "retention.ms" = tostring(var.topic_retention_ms.replies)
  }))
}

resource "aws_msk_topic" "dead_letters" {
  cluster_arn        = aws_msk_cluster.this.arn
  name               = local.topic_names.dead_letters
  partition_count    = var.topic_partitions
  replication_factor = var.topic_replication_factor

  configs = jsonencode(merge(local.topic_common_configs, {
    "retention.ms" = tostring(var.topic_retention_ms.dead_letters)
  }))
}

# The audit trail. Unlimited retention by default (retention.bytes -1 always: never deleted for size),
# and protected from `terraform destroy` and from replacement: a plan that would delete it (including
# one that replaces the whole cluster) fails instead. README.md says how to tear down a dev environment
# on purpose.
resource "aws_msk_topic" "audit" {
  cluster_arn        = aws_msk_cluster.this.arn
  name               = local.topic_names.audit
  partition_count    = local.audit_topic_partitions
  replication_factor = var.topic_replication_factor

  configs = jsonencode(merge(local.topic_common_configs, {
    "retention.ms"    = tostring(var.topic_retention_ms.audit)
    "retention.bytes" = "-1"
  }))

  lifecycle {
    prevent_destroy = true

    precondition {
      condition     = local.audit_topic_partitions >= var.topic_partitions
      error_message = "The audit topic needs at least as many partitions as the requests topic (audit_topic_partitions >= topic_partitions)."
    }
  }
}
