// Mutations of the module that the invariants must notice. Each breaks one thing, in memory, in the
// module (or in the processor's Topics.java); test/mutations.test.mjs expects the invariant named by
// `expect` to fail on the broken copy. A mutation its invariant does not notice means that check has
// lost its teeth.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { moduleDir, topicsJavaPath } from './config.mjs';
import { invariants } from './invariants.mjs';

export const TOPICS_JAVA = 'Topics.java';

// { expect: start of the test name that must fail, file: module-relative path (or Topics.java),
//   from: exact text that must occur once, to: its replacement }
export const MUTATIONS = [
  { expect: 'every HCL file parses', file: 'msk.tf', from: 'resource "aws_msk_cluster" "this" {', to: 'resource "aws_msk_cluster" "this" {{' },
  { expect: 'Terraform and the AWS provider are pinned', file: 'versions.tf', from: 'version = "~> 6.38"', to: 'version = ">= 6.0"' },
  { expect: 'Terraform and the AWS provider are pinned', file: 'envs/backend.s3.tfbackend.example', from: 'use_lockfile = true', to: 'use_lockfile = false' },
  { expect: 'encryption at rest', file: 'msk.tf', from: 'encryption_at_rest_kms_key_arn = aws_kms_key.data.arn', to: '# no customer-managed key' },
  { expect: 'encryption in transit', file: 'msk.tf', from: 'client_broker = "TLS"', to: 'client_broker = "TLS_PLAINTEXT"' },
  { expect: 'encryption in transit', file: 'msk.tf', from: 'in_cluster    = true', to: 'in_cluster    = false' },
  { expect: 'IAM client authentication', file: 'msk.tf', from: 'iam   = true', to: 'iam   = false' },
  { expect: 'IAM client authentication', file: 'msk.tf', from: 'unauthenticated = false', to: 'unauthenticated = true' },
  { expect: 'no public access', file: 'msk.tf', from: 'type = "DISABLED"', to: 'type = "SERVICE_PROVIDED_EIPS"' },
  { expect: 'no public access', file: 'network.tf', from: 'map_public_ip_on_launch = false', to: 'map_public_ip_on_launch = true' },
  {
    expect: 'security groups admit',
    file: 'network.tf',
    from: 'from_port         = local.ports.sasl_iam\n  to_port           = local.ports.sasl_iam\n  cidr_ipv4         = each.value',
    to: 'from_port         = local.ports.sasl_iam\n  to_port           = local.ports.sasl_iam\n  cidr_ipv4         = "0.0.0.0/0"',
  },
  { expect: 'security groups admit', file: 'network.tf', from: 'to_port                      = local.ports.node_exporter', to: 'to_port                      = 65535' },
  { expect: 'security groups admit', file: 'envs/dev.tfvars', from: 'client_cidr_blocks      = ["10.60.0.0/16"]', to: 'client_cidr_blocks      = ["8.8.8.0/24"]' },
  {
    expect: "the processor's IAM policy has no * resource",
    file: 'iam.tf',
    from: 'resources = [aws_msk_cluster.this.arn]\n  }\n\n  # Consume requests.',
    to: 'resources = ["*"]\n  }\n\n  # Consume requests.',
  },
  {
    expect: "the processor's IAM policy has no * resource",
    file: 'iam.tf',
    from: 'sid       = "ReadRequests"\n    actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"]\n    resources = ["${local.kafka_topic_arn_prefix}${local.topic_names.requests}"]',
    to: 'sid       = "ReadRequests"\n    actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"]\n    resources = ["${local.kafka_topic_arn_prefix}*"]',
  },
  {
    expect: 'IAM grants are exactly',
    file: 'iam.tf',
    from: 'actions   = ["kafka-cluster:Connect", "kafka-cluster:WriteDataIdempotently"]',
    to: 'actions   = ["kafka-cluster:Connect", "kafka-cluster:WriteDataIdempotently", "kafka-cluster:AlterCluster"]',
  },
  {
    expect: 'only the processor',
    file: 'iam.tf',
    from: 'test     = "StringEquals"\n      variable = "${local.eks_oidc_issuer}:sub"',
    to: 'test     = "StringLike"\n      variable = "${local.eks_oidc_issuer}:sub"',
  },
  {
    expect: 'every taggable resource',
    file: 'ecr.tf',
    from: '  tags = merge(local.tags, { Name = "${local.name}-processor" })\n}\n\n# Untagged',
    to: '}\n\n# Untagged',
  },
  { expect: 'every taggable resource', file: 'ecr.tf', from: '# Untagged images', to: 'resource "aws_sns_topic" "unclassified" {\n  name = "x"\n}\n\n# Untagged images' },
  {
    expect: 'every variable has',
    file: 'variables.tf',
    from: '  description = "Team or person accountable for this environment (Owner tag)."\n',
    to: '',
  },
  { expect: 'every variable has', file: 'variables.tf', from: '  type        = bool\n', to: '' },
  { expect: 'topic names', file: TOPICS_JAVA, from: '"rng.requests.v1"', to: '"rng.requests.v2"' },
  { expect: 'topic names', file: 'locals.tf', from: 'audit        = "rng.audit.v1"', to: 'audit        = "rng.audit"' },
  { expect: 'each env tfvars', file: 'envs/stage.tfvars', from: 'environment    = "stage"', to: 'environment    = "stage"\nundeclared_setting = 1' },
  { expect: 'each env tfvars', file: 'envs/dev.tfvars', from: 'broker_count                       = 3', to: 'broker_count                       = "3"' },
  { expect: 'cluster configuration', file: 'msk.tf', from: 'min.insync.replicas=2\n    unclean', to: 'min.insync.replicas=1\n    unclean' },
  { expect: 'cluster configuration', file: 'msk.tf', from: 'unclean.leader.election.enable=false\n', to: 'unclean.leader.election.enable=true\n' },
  { expect: 'cluster configuration', file: 'msk.tf', from: 'auto.create.topics.enable=false\n', to: 'auto.create.topics.enable=true\n' },
  { expect: 'audit topic', file: 'topics.tf', from: 'prevent_destroy = true', to: 'prevent_destroy = false' },
  { expect: 'audit topic', file: 'envs/dev.tfvars', from: 'audit        = 31536000000', to: 'audit        = 86400000' },
  { expect: 'brokers:', file: 'envs/prod.tfvars', from: 'broker_count                       = 6', to: 'broker_count                       = 4' },
  { expect: 'ECR scans', file: 'ecr.tf', from: '"IMMUTABLE"', to: '"MUTABLE"' },
];

/** Names of the invariants that fail on a loaded context. */
export function failing(ctx) {
  const failed = [];
  for (const { name, check } of invariants(ctx)) {
    try {
      check();
    } catch {
      failed.push(name);
    }
  }
  return failed;
}

/** The module with one mutation applied, as an override for loadContext. */
export async function mutated(m) {
  const file = m.file === TOPICS_JAVA ? topicsJavaPath : path.join(moduleDir, m.file);
  const text = await readFile(file, 'utf8');
  const count = text.split(m.from).length - 1;
  if (count !== 1) throw new Error(`mutation text occurs ${count} times in ${m.file}: ${JSON.stringify(m.from)}`);
  return { [m.file]: text.replace(m.from, () => m.to) };
}

/** The first line a mutation changes, before -> after. */
export function describe(m) {
  const before = m.from.split('\n');
  const after = m.to.split('\n');
  let i = 0;
  while (i < before.length && i < after.length && before[i] === after[i]) i += 1;
  const line = (s, none) => s?.trim().replace(/\s+/g, ' ') || none;
  return `${m.file}: ${line(before[i], '(nothing)')} -> ${line(after[i], '(removed)')}`;
}
