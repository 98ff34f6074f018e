# What clients, the processor's deployment and operators need from this stack.

output "bootstrap_brokers_sasl_iam" {
  description = "Bootstrap servers for IAM-authenticated clients (SASL_SSL, port 9098): the processor's RNG_KAFKA_BOOTSTRAP_SERVERS."
  value       = aws_msk_cluster.this.bootstrap_brokers_sasl_iam
}

output "bootstrap_brokers_sasl_scram" {
  description = "Bootstrap servers for SCRAM clients (SASL_SSL, port 9096); null unless enable_scram."
  value       = var.enable_scram ? aws_msk_cluster.this.bootstrap_brokers_sasl_scram : null
}

output "cluster_arn" {
  description = "ARN of the MSK cluster."
  value       = aws_msk_cluster.this.arn
}

output "cluster_name" {
  description = "Name of the MSK cluster."
  value       = aws_msk_cluster.this.cluster_name
}

output "kafka_security_group_id" {
  description = "Security group of the brokers."
  value       = aws_security_group.msk.id
}

output "vpc_id" {
  description = "VPC of the brokers (given or created)."
  value       = local.vpc_id
}

output "private_subnet_ids" {
  description = "Subnets of the brokers (given or created), one per availability zone."
  value       = local.subnet_ids
}

output "topic_names" {
  description = "The rng topics, by role. Equal to the processor's defaults, so no RNG_TOPICS_* override is needed."
  value = {
    requests     = aws_msk_topic.requests.name
    replies      = aws_msk_topic.replies.name
    audit        = aws_msk_topic.audit.name
    dead_letters = aws_msk_topic.dead_letters.name
  }
}

output "processor_role_arn" {
  description = "IAM role of the processor; annotate its service account with eks.amazonaws.com/role-arn = this."
  value       = aws_iam_role.processor.arn
}

output "requester_policy_arn" {
  description = "Managed policy to attach to requesters' roles: write requests, read replies."
  value       = aws_iam_policy.requester.arn
}

output "auditor_policy_arn" {
  description = "Managed policy to attach to auditors' roles: read the audit topic."
  value       = aws_iam_policy.auditor.arn
}

output "ecr_repository_url" {
  description = "Repository URL for the processor image (push with an immutable tag)."
  value       = aws_ecr_repository.processor.repository_url
}

output "signing_key_secret_arn" {
  description = "Secrets Manager secret that holds the processor's signing key (PEM); its value is set out of band."
  value       = aws_secretsmanager_secret.signing_key.arn
}

output "processor_environment" {
  description = "Environment of the processor on this cluster (docs/configuration.md). IAM auth needs software.amazon.msk:aws-msk-iam-auth on the processor's classpath."
  value = {
    RNG_KAFKA_BOOTSTRAP_SERVERS                  = aws_msk_cluster.this.bootstrap_brokers_sasl_iam
    RNG_KAFKA_SECURITY_PROTOCOL                  = "SASL_SSL"
    RNG_KAFKA_SASL_MECHANISM                     = "AWS_MSK_IAM"
    RNG_KAFKA_SASL_JAAS_CONFIG                   = "software.amazon.msk.auth.iam.IAMLoginModule required;"
    RNG_KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS = "software.amazon.msk.auth.iam.IAMClientCallbackHandler"
    RNG_TOPICS_CREATE                            = "false"
  }
}
