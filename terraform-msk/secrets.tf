# The processor's signing key (a PEM private key) lives in Secrets Manager, encrypted with its own KMS
# key (kms.tf). Terraform creates the secret but never its value: a value set here would sit in plain
# text in the Terraform state. README.md shows how to put the PEM once, out of band.

resource "aws_secretsmanager_secret" "signing_key" {
  name                    = "${local.name}/processor/signing-key"
  description             = "PEM private key the rng-stream processor (${var.environment}) signs with; value set out of band"
  kms_key_id              = aws_kms_key.signing.arn
  recovery_window_in_days = var.secret_recovery_window_days

  tags = merge(local.tags, { Name = "${local.name}-signing-key" })
}
