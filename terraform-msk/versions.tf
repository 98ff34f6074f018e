# Versions this configuration is written and checked against.
#
# - Terraform >= 1.10: S3 native state locking (`use_lockfile`, see envs/backend.s3.tfbackend.example)
#   and validations/preconditions that refer to other variables (1.9+).
# - hashicorp/aws ~> 6.38: `aws_msk_topic` (topics through the MSK topic API, no broker network path
#   needed from wherever Terraform runs) first shipped in 6.38. `~>` keeps us on 6.x; the exact build is
#   recorded in .terraform.lock.hcl by the first `terraform init`; commit that file.
#
# This is the only provider: no Kafka provider, no random/null/tls helpers.
terraform {
  required_version = ">= 1.10.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.38"
    }
  }
}
