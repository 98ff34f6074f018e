# Remote state in S3, configured per environment at init time (partial configuration), so the same
# code serves dev, stage and prod without edits:
#
#   terraform init -backend-config=envs/<env>.s3.tfbackend
#
# envs/backend.s3.tfbackend.example shows the settings (encrypted bucket, KMS, S3 native locking);
# README.md explains how to create the bucket once per account.
terraform {
  backend "s3" {}
}
