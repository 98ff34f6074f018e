# Customer-managed KMS keys (rotated yearly), one per kind of data, so that access to one does not
# imply access to the other:
# - data:    the brokers' storage (MSK encryption at rest), broker and flow logs, container images;
# - signing: only the processor's signing-key secret. Its decrypt permission goes to the processor role
#            alone (iam.tf), through Secrets Manager.
# Both key policies delegate to IAM in this account (the usual root statement); CloudWatch Logs gets
# the data key for this environment's log groups only.

locals {
  account_root_arn = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"
  log_group_prefix = "/rng-stream/${var.environment}/"
}

data "aws_iam_policy_document" "data_key" {
  statement {
    sid       = "DelegateToIamInThisAccount"
    actions   = ["kms:*"]
    resources = ["*"] # in a key policy, "*" is this key

    principals {
      type        = "AWS"
      identifiers = [local.account_root_arn]
    }
  }

  statement {
    sid       = "CloudWatchLogsForThisEnvironment"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"] # in a key policy, "*" is this key

    principals {
      type        = "Service"
      identifiers = ["logs.${var.aws_region}.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${data.aws_partition.current.partition}:logs:${var.aws_region}:${data.aws_caller_identity.current.account_id}:log-group:${local.log_group_prefix}*"]
    }
  }
}

resource "aws_kms_key" "data" {
  description             = "${local.name}: MSK storage, broker and flow logs, container images"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_days
  policy                  = data.aws_iam_policy_document.data_key.json

  tags = merge(local.tags, { Name = "${local.name}-data" })
}

resource "aws_kms_alias" "data" {
  name          = "alias/${local.name}-data"
  target_key_id = aws_kms_key.data.key_id
}

data "aws_iam_policy_document" "signing_key" {
  statement {
    sid       = "DelegateToIamInThisAccount"
    actions   = ["kms:*"]
    resources = ["*"] # in a key policy, "*" is this key

    principals {
      type        = "AWS"
      identifiers = [local.account_root_arn]
    }
  }
}

resource "aws_kms_key" "signing" {
  description             = "${local.name}: the processor's signing-key secret"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_days
  policy                  = data.aws_iam_policy_document.signing_key.json

  tags = merge(local.tags, { Name = "${local.name}-signing" })
}

resource "aws_kms_alias" "signing" {
  name          = "alias/${local.name}-signing"
  target_key_id = aws_kms_key.signing.key_id
}
