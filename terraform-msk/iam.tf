# Who may do what on the cluster. With IAM client authentication, these policies are the Kafka ACLs:
# each kafka-cluster:* action is granted on exactly the cluster, topics, consumer group and
# transactional ids a role needs, never on "*" and never on a whole resource type. README.md has the
# same table in prose; test/invariants.test.mjs pins it.
#
# MSK's rules used here: every action needs kafka-cluster:Connect on the cluster; ReadData/WriteData
# need DescribeTopic on the topic; AlterGroup needs DescribeGroup; AlterTransactionalId needs
# DescribeTransactionalId and WriteData on the topics written in the transaction; an idempotent
# producer (the Kafka default, and required by exactly_once_v2) needs WriteDataIdempotently.

# --- The processor: an IRSA role for its Kubernetes service account ---------------------------------

locals {
  # The OIDC issuer host/path of the EKS cluster, e.g. oidc.eks.eu-west-1.amazonaws.com/id/ABC...,
  # as it appears in the condition keys of web identity federation.
  eks_oidc_issuer = element(split("oidc-provider/", var.eks_oidc_provider_arn), 1)
}

data "aws_iam_policy_document" "processor_trust" {
  statement {
    sid     = "ProcessorServiceAccountOnly"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [var.eks_oidc_provider_arn]
    }

    # Exactly one service account in one namespace: no other pod of the EKS cluster can take the role.
    condition {
      test     = "StringEquals"
      variable = "${local.eks_oidc_issuer}:sub"
      values   = ["system:serviceaccount:${var.processor_namespace}:${var.processor_service_account}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.eks_oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "processor" {
  name                 = "${local.name}-processor"
  description          = "rng-stream processor (Kafka Streams, ${var.environment}) via IRSA: its topics, group and transactional ids on ${local.name}, and its signing key"
  assume_role_policy   = data.aws_iam_policy_document.processor_trust.json
  max_session_duration = 3600

  tags = merge(local.tags, { Name = "${local.name}-processor" })
}

data "aws_iam_policy_document" "processor" {
  # Connect, read cluster metadata (the Streams admin client), and produce idempotently (exactly_once_v2).
  statement {
    sid       = "Cluster"
    actions   = ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster", "kafka-cluster:WriteDataIdempotently"]
    resources = [aws_msk_cluster.this.arn]
  }

  # Consume requests. No CreateTopic/Alter*/Delete*: the topics are made here, as code.
  statement {
    sid       = "ReadRequests"
    actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"]
    resources = ["${local.kafka_topic_arn_prefix}${local.topic_names.requests}"]
  }

  # Produce replies (default and allowed reply topics: rng.replies.* covers rng.replies.v1), audit
  # records and dead letters. DescribeTopic also serves the reply-topic existence check and the
  # audit/requests partition-count check at start.
  statement {
    sid     = "WriteRepliesAuditDeadLetters"
    actions = ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"]
    resources = [
      "${local.kafka_topic_arn_prefix}${local.reply_topics_wildcard}",
      "${local.kafka_topic_arn_prefix}${local.topic_names.audit}",
      "${local.kafka_topic_arn_prefix}${local.topic_names.dead_letters}",
    ]
  }

  # Kafka Streams' own topics (changelogs, repartition topics), all named <application.id>-...:
  # Streams creates them itself and checks their configuration.
  statement {
    sid = "StreamsInternalTopics"
    actions = [
      "kafka-cluster:CreateTopic",
      "kafka-cluster:DescribeTopic",
      "kafka-cluster:DescribeTopicDynamicConfiguration",
      "kafka-cluster:ReadData",
      "kafka-cluster:WriteData",
    ]
    resources = ["${local.kafka_topic_arn_prefix}${local.application_id}-*"]
  }

  # The consumer group is the application.id: join it, commit offsets (also inside transactions).
  statement {
    sid       = "ConsumerGroup"
    actions   = ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"]
    resources = ["${local.kafka_group_arn_prefix}${local.application_id}"]
  }

  # exactly_once_v2: one transactional id per stream thread, <application.id>-<process id>-<n>.
  statement {
    sid       = "TransactionalIds"
    actions   = ["kafka-cluster:DescribeTransactionalId", "kafka-cluster:AlterTransactionalId"]
    resources = ["${local.kafka_txn_id_arn_prefix}${local.application_id}-*"]
  }

  # The signing key: read this one secret, and decrypt it only through Secrets Manager.
  statement {
    sid       = "ReadSigningKeySecret"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [aws_secretsmanager_secret.signing_key.arn]
  }

  statement {
    sid       = "DecryptSigningKeySecret"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.signing.arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${var.aws_region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "processor" {
  name   = "rng-processor-least-privilege"
  role   = aws_iam_role.processor.id
  policy = data.aws_iam_policy_document.processor.json
}

# --- Requesters and auditors: managed policies to attach to their own roles -------------------------
#
# The SDK and the `draw`/audit tools assign partitions themselves (no consumer group), so neither
# policy grants a group. A caller that consumes replies with a group.id additionally needs
# DescribeGroup/AlterGroup on that group.

data "aws_iam_policy_document" "requester" {
  statement {
    sid       = "Cluster"
    actions   = ["kafka-cluster:Connect", "kafka-cluster:WriteDataIdempotently"]
    resources = [aws_msk_cluster.this.arn]
  }

  statement {
    sid       = "WriteRequests"
    actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"]
    resources = ["${local.kafka_topic_arn_prefix}${local.topic_names.requests}"]
  }

  statement {
    sid       = "ReadReplies"
    actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"]
    resources = ["${local.kafka_topic_arn_prefix}${local.reply_topics_wildcard}"]
  }
}

resource "aws_iam_policy" "requester" {
  name        = "${local.name}-requester"
  description = "rng-stream requester on ${local.name}: write requests, read replies (rng.replies.*)"
  policy      = data.aws_iam_policy_document.requester.json

  tags = merge(local.tags, { Name = "${local.name}-requester" })
}

data "aws_iam_policy_document" "auditor" {
  statement {
    sid       = "Cluster"
    actions   = ["kafka-cluster:Connect"]
    resources = [aws_msk_cluster.this.arn]
  }

  statement {
    sid       = "ReadAudit"
    actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"]
    resources = ["${local.kafka_topic_arn_prefix}${local.topic_names.audit}"]
  }
}

resource "aws_iam_policy" "auditor" {
  name        = "${local.name}-auditor"
  description = "rng-stream auditor on ${local.name}: read the audit topic only"
  policy      = data.aws_iam_policy_document.auditor.json

  tags = merge(local.tags, { Name = "${local.name}-auditor" })
}
