provider "aws" {
  region = var.aws_region

  # Refuse to run against any other account: applying prod.tfvars with dev credentials (or the
  # reverse) fails before anything is read or changed.
  allowed_account_ids = [var.aws_account_id]

  # Every resource that takes tags gets these, even ones added later without a `tags` argument.
  # Resources also set `tags = merge(local.tags, {...})` explicitly (see locals.tf): the explicit
  # form is what the offline test checks, and it survives if this block is ever dropped.
  default_tags {
    tags = local.tags
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}
