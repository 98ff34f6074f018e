locals {
  # One prefix for every name this configuration creates: rng-stream-dev, rng-stream-stage, ...
  name = "rng-stream-${var.environment}"

  # Tags shared by every taggable resource, through the provider's default_tags and explicitly on each
  # resource (merge(local.tags, { Name = ... })). Cost reports and access reviews group by these.
  tags = merge(var.extra_tags, {
    Project     = "rng-stream"
    Environment = var.environment
    Component   = "terraform-msk"
    ManagedBy   = "terraform"
    Owner       = var.owner
  })
}

# What the processor expects of the cluster. These are contract values, not settings: they must equal
# the processor's defaults, and test/invariants.test.mjs fails when they drift apart.
locals {
  # io.rngstream.core.protocol.Topics (core/src/main/java/io/rngstream/core/protocol/Topics.java).
  # The contract's major version is part of each name; a .v2 contract gets new topics, not renames.
  topic_names = {
    requests     = "rng.requests.v1"
    replies      = "rng.replies.v1"
    audit        = "rng.audit.v1"
    dead_letters = "rng.requests.dlq.v1"
  }

  # Topics.ALLOWED_REPLY_TOPICS is the regular expression rng\.replies\..* ; this is the same set as an
  # IAM resource wildcard. It also covers the default reply topic rng.replies.v1.
  reply_topics_wildcard = "rng.replies.*"

  # Kafka Streams application.id of the processor (processor defaults.properties): its consumer group,
  # the prefix of its transactional ids (exactly_once_v2) and of its internal topics.
  application_id = "rng-processor"

  # MSK listener ports. Only these (and only from the listed sources) are opened; plaintext (9092)
  # and unauthenticated TLS (9094) listeners are not enabled on the cluster at all.
  ports = {
    sasl_iam      = 9098 # SASL/IAM over TLS
    sasl_scram    = 9096 # SASL/SCRAM over TLS, only when enable_scram = true
    jmx_exporter  = 11001
    node_exporter = 11002
  }
}

# ARNs of this cluster's Kafka resources, for the kafka-cluster:* IAM actions (MSK IAM access control):
#   arn:<partition>:kafka:<region>:<account>:<type>/<cluster name>/<cluster uuid>/<resource name>
locals {
  kafka_arn_base          = "arn:${data.aws_partition.current.partition}:kafka:${var.aws_region}:${data.aws_caller_identity.current.account_id}"
  kafka_cluster_path      = "${aws_msk_cluster.this.cluster_name}/${aws_msk_cluster.this.cluster_uuid}"
  kafka_topic_arn_prefix  = "${local.kafka_arn_base}:topic/${local.kafka_cluster_path}/"
  kafka_group_arn_prefix  = "${local.kafka_arn_base}:group/${local.kafka_cluster_path}/"
  kafka_txn_id_arn_prefix = "${local.kafka_arn_base}:transactional-id/${local.kafka_cluster_path}/"
}
