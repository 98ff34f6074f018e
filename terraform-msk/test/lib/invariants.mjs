// The invariants of terraform-msk/, as checks over the parsed HCL (no Terraform binary needed).
// test/invariants.test.mjs runs each as a node:test test; test/mutations.mjs runs them against
// deliberately broken copies of the module to prove that each one can fail.

import assert from 'node:assert/strict';
import {
  allStrings,
  block,
  isPrivateCidr,
  parseProperties,
  regexToIamWildcard,
  resolveLiteralLocals,
  topicsJavaPath,
} from './config.mjs';

const ENVS = ['dev', 'stage', 'prod'];

// Which AWS resource types take tags, from the provider's own registry: in hashicorp/terraform-provider-aws
// (6.x), internal/service/<service>/service_package_gen.go lists each resource type, with a `Tags:` field
// when the type supports tags. A type used here but missing from this table fails the tagging check, so
// a new resource type gets classified (and tagged) on purpose, never by default.
export const TAGGABLE = {
  aws_vpc: true,
  aws_subnet: true,
  aws_default_security_group: true,
  aws_security_group: true,
  aws_vpc_security_group_ingress_rule: true,
  aws_flow_log: true,
  aws_cloudwatch_log_group: true,
  aws_kms_key: true,
  aws_kms_alias: false,
  aws_msk_cluster: true,
  aws_msk_configuration: false,
  aws_msk_topic: false,
  aws_msk_single_scram_secret_association: false,
  aws_appautoscaling_target: true,
  aws_appautoscaling_policy: false,
  aws_iam_role: true,
  aws_iam_role_policy: false,
  aws_iam_policy: true,
  aws_ecr_repository: true,
  aws_ecr_lifecycle_policy: false,
  aws_secretsmanager_secret: true,
};

/**
 * The invariants bound to one loaded context (test/lib/config.mjs loadContext): a list of
 * { name, check } where check() throws an AssertionError when the invariant does not hold.
 */
export function invariants(ctx) {
  const { mod, tf, tfvars, locals, topics, processorDefaults } = ctx;
  const list = [];
  const test = (name, check) => list.push({ name, check });

  const resource = (type, name) => tf.resource[type]?.[name]?.body;
  const resourcesOfType = (type) => Object.entries(tf.resource[type] ?? {});
  const cluster = () => resource('aws_msk_cluster', 'this');
  const r = (value) => resolveLiteralLocals(value, locals);

  /** The value a tfvars file gives, or the variable's default. */
  function envValue(env, name) {
    const vars = tfvars[env] ?? {};
    return name in vars ? vars[name] : tf.variable[name]?.body?.default;
  }

  // ---------------------------------------------------------------------------------------------------

  test('every HCL file parses, and the configuration has no duplicate definitions', () => {
    assert.deepEqual(mod.errors, [], `files that do not parse:\n${mod.errors.map((e) => `${e.rel}: ${e.message}`).join('\n')}`);
    const names = mod.files.map((f) => f.rel);
    for (const expected of ['versions.tf', 'variables.tf', 'msk.tf', 'topics.tf', 'iam.tf', 'envs/dev.tfvars', 'envs/stage.tfvars', 'envs/prod.tfvars']) {
      assert.ok(names.includes(expected), `${expected} is missing`);
    }
    assert.deepEqual(tf.duplicates, [], 'defined more than once');
  });

  test('Terraform and the AWS provider are pinned; remote state is S3, encrypted and locked', () => {
    const terraform = tf.terraform.find((t) => t.required_providers);
    assert.ok(terraform, 'terraform { required_providers } missing');
    assert.match(terraform.required_version ?? '', /^>=\s*1\.\d+/, 'required_version must set a minimum');
    const aws = terraform.required_providers[0].aws;
    assert.equal(aws?.source, 'hashicorp/aws');
    // "~> 6.38" (patch/minor updates within 6.x, lock file pins the build) or an exact version.
    assert.match(aws?.version ?? '', /^(~>\s*\d+\.\d+|=?\s*\d+\.\d+\.\d+)$/, 'aws provider version must be pessimistic (~> X.Y) or exact');
    assert.deepEqual(Object.keys(terraform.required_providers[0]), ['aws'], 'only the aws provider is expected');

    const backend = tf.terraform.find((t) => t.backend)?.backend;
    assert.ok(backend?.s3, 'backend "s3" {} (partial configuration) missing');
    assert.ok(mod.backendExample, 'envs/backend.s3.tfbackend.example missing');
    assert.equal(mod.backendExample.encrypt, true, 'state must be encrypted');
    assert.equal(mod.backendExample.use_lockfile, true, 'state must be locked');
    assert.ok(mod.backendExample.kms_key_id, 'state should be encrypted with a KMS key');
  });

  test('encryption at rest uses a customer-managed KMS key with rotation', () => {
    const enc = block(cluster(), 'encryption_info');
    assert.ok(enc, 'aws_msk_cluster.this has no encryption_info');
    const ref = /^\$\{aws_kms_key\.([A-Za-z0-9_-]+)\.arn\}$/.exec(enc.encryption_at_rest_kms_key_arn ?? '');
    assert.ok(ref, `encryption_at_rest_kms_key_arn must reference a KMS key created here, got ${enc.encryption_at_rest_kms_key_arn}`);
    const key = resource('aws_kms_key', ref[1]);
    assert.ok(key, `aws_kms_key.${ref[1]} is not defined`);
    assert.equal(key.enable_key_rotation, true, 'the key must rotate');
    // Everything else stored encrypted here uses one of our keys too.
    for (const [name, { body }] of resourcesOfType('aws_cloudwatch_log_group')) {
      assert.match(body.kms_key_id ?? '', /^\$\{aws_kms_key\.\w+\.arn\}$/, `log group ${name} must use our KMS key`);
    }
    assert.match(resource('aws_secretsmanager_secret', 'signing_key')?.kms_key_id ?? '', /^\$\{aws_kms_key\.\w+\.arn\}$/);
  });

  test('encryption in transit is TLS only, client-broker and in-cluster', () => {
    const transit = block(block(cluster(), 'encryption_info'), 'encryption_in_transit');
    assert.ok(transit, 'encryption_in_transit missing');
    assert.equal(transit.client_broker, 'TLS', 'client_broker must be TLS (not TLS_PLAINTEXT or PLAINTEXT)');
    assert.equal(transit.in_cluster, true, 'in_cluster must be true');
  });

  test('IAM client authentication is on; unauthenticated access off; SCRAM opt-in', () => {
    const auth = block(cluster(), 'client_authentication');
    assert.ok(auth, 'client_authentication missing');
    assert.equal(auth.unauthenticated, false, 'unauthenticated must be false');
    const sasl = block(auth, 'sasl');
    assert.equal(sasl?.iam, true, 'sasl.iam must be true');
    assert.equal(sasl?.scram, '${var.enable_scram}', 'scram is controlled by var.enable_scram');
    assert.equal(tf.variable.enable_scram?.body?.default, false, 'SCRAM is off unless asked for');
    assert.equal(auth.tls, undefined, 'no mTLS client authentication is expected');
  });

  test('no public access: no public endpoints, gateways or public IPs', () => {
    const group = block(cluster(), 'broker_node_group_info');
    assert.equal(block(block(group, 'connectivity_info'), 'public_access')?.type, 'DISABLED', 'public_access.type must be DISABLED');
    assert.equal(block(group, 'connectivity_info')?.vpc_connectivity, undefined, 'no multi-VPC connectivity');
    for (const type of ['aws_internet_gateway', 'aws_egress_only_internet_gateway', 'aws_nat_gateway', 'aws_eip', 'aws_msk_vpc_connection', 'aws_lb']) {
      assert.equal(tf.resource[type], undefined, `${type} must not be created`);
    }
    for (const [name, { body }] of resourcesOfType('aws_subnet')) {
      assert.equal(body.map_public_ip_on_launch, false, `aws_subnet.${name} must not assign public IPs`);
    }
    // Existing subnets are checked at plan time.
    const checks = allStrings(tf.data.aws_subnet?.existing?.body?.lifecycle ?? []);
    assert.ok(checks.includes('${!self.map_public_ip_on_launch}'), 'existing subnets must be checked for public IPs');
  });

  test('security groups admit only Kafka and exporter ports, only from the given sources', () => {
    const ports = locals.ports;
    assert.deepEqual(ports, { sasl_iam: 9098, sasl_scram: 9096, jmx_exporter: 11001, node_exporter: 11002 });
    assert.equal(tf.resource.aws_security_group_rule, undefined, 'use aws_vpc_security_group_ingress_rule, one rule per source');
    assert.equal(tf.resource.aws_vpc_security_group_egress_rule, undefined, 'the brokers need no egress rule');
    for (const [name, { body }] of resourcesOfType('aws_security_group')) {
      assert.equal(body.ingress, undefined, `aws_security_group.${name}: no inline ingress`);
      assert.equal(body.egress, undefined, `aws_security_group.${name}: no inline egress`);
    }
    const kafka = new Set(['9098-9098', '9096-9096']);
    const exporters = new Set(['11001-11002']);
    const rules = resourcesOfType('aws_vpc_security_group_ingress_rule');
    assert.ok(rules.length > 0, 'no ingress rules at all');
    for (const [name, { body }] of rules) {
      const where = `aws_vpc_security_group_ingress_rule.${name}`;
      assert.equal(body.security_group_id, '${aws_security_group.msk.id}', `${where}: on the brokers' group`);
      assert.equal(body.ip_protocol, 'tcp', `${where}: tcp only`);
      const range = `${r(String(body.from_port))}-${r(String(body.to_port))}`;
      assert.ok(kafka.has(range) || exporters.has(range), `${where}: port range ${range} is not a Kafka or exporter port`);
      for (const attr of ['cidr_ipv6', 'prefix_list_id']) assert.equal(body[attr], undefined, `${where}: no ${attr}`);
      const bySg = body.referenced_security_group_id !== undefined;
      const byCidr = body.cidr_ipv4 !== undefined;
      assert.ok(bySg !== byCidr, `${where}: exactly one source`);
      assert.equal(bySg ? body.referenced_security_group_id : body.cidr_ipv4, '${each.value}', `${where}: the source must come from for_each`);
      const prefix = kafka.has(range) ? 'client' : 'monitoring';
      const input = `var.${prefix}_${bySg ? 'security_group_ids' : 'cidr_blocks'}`;
      assert.match(body.for_each ?? '', new RegExp(`^\\$\\{(.*\\? )?toset\\(${input.replace('.', '\\.')}\\)`), `${where}: sources must be ${input}`);
    }
    // No catch-all range anywhere in resources, and only private ranges in the environments.
    for (const s of allStrings([tf.resource, tf.data])) {
      assert.ok(!s.includes('0.0.0.0/0') && !s.includes('::/0'), `catch-all range in ${s}`);
    }
    for (const env of ENVS) {
      for (const v of ['client_cidr_blocks', 'monitoring_cidr_blocks']) {
        for (const cidr of envValue(env, v) ?? []) assert.ok(isPrivateCidr(cidr), `${env}: ${v} has non-private ${cidr}`);
      }
    }
  });

  const WILDCARD_RESOURCE = /(^|[:/}])\*$/; // "*", ".../*", "${prefix}*": a whole type or everything

  /** Statements of an aws_iam_policy_document, as { sid, actions, resources, conditions }. */
  function statements(docName) {
    const doc = tf.data.aws_iam_policy_document?.[docName]?.body;
    assert.ok(doc, `data.aws_iam_policy_document.${docName} missing`);
    return doc.statement.map((s) => {
      for (const attr of ['not_actions', 'not_resources', 'principals', 'not_principals']) {
        assert.equal(s[attr], undefined, `${docName}/${s.sid}: ${attr} not allowed in an identity policy`);
      }
      assert.ok(s.effect === undefined || s.effect === 'Allow', `${docName}/${s.sid}: Allow statements only`);
      return { sid: s.sid, actions: s.actions ?? [], resources: (s.resources ?? []).map(r), conditions: s.condition ?? [] };
    });
  }

  test("the processor's IAM policy has no * resource and no whole-type wildcard", () => {
    assert.equal(resource('aws_iam_role_policy', 'processor')?.policy, '${data.aws_iam_policy_document.processor.json}');
    for (const s of statements('processor')) {
      assert.ok(s.resources.length > 0, `${s.sid}: no resources`);
      for (const res of s.resources) {
        assert.notEqual(res, '*', `${s.sid}: "*" resource`);
        assert.doesNotMatch(res, WILDCARD_RESOURCE, `${s.sid}: ${res} grants a whole resource type`);
      }
      for (const a of s.actions) assert.doesNotMatch(a, /(^\*$|:\*$)/, `${s.sid}: wildcard action ${a}`);
    }
    // ...and the ARN prefixes point at this cluster only.
    assert.equal(locals.kafka_cluster_path, '${aws_msk_cluster.this.cluster_name}/${aws_msk_cluster.this.cluster_uuid}');
    assert.equal(locals.kafka_topic_arn_prefix, '${local.kafka_arn_base}:topic/${local.kafka_cluster_path}/');
    assert.equal(locals.kafka_group_arn_prefix, '${local.kafka_arn_base}:group/${local.kafka_cluster_path}/');
    assert.equal(locals.kafka_txn_id_arn_prefix, '${local.kafka_arn_base}:transactional-id/${local.kafka_cluster_path}/');
  });

  /** Grants of a policy document as { resource: [sorted actions] }. */
  function grants(docName) {
    const out = {};
    for (const s of statements(docName)) {
      for (const res of s.resources) out[res] = [...new Set([...(out[res] ?? []), ...s.actions])].sort();
    }
    return out;
  }

  test('IAM grants are exactly the least-privilege sets (processor, requester, auditor)', () => {
    const t = topics;
    const topic = (n) => `\${local.kafka_topic_arn_prefix}${n}`;
    const app = locals.application_id;
    const replies = regexToIamWildcard(t.ALLOWED_REPLY_TOPICS);
    const k = (...a) => a.map((x) => `kafka-cluster:${x}`).sort();
    const cluster = '${aws_msk_cluster.this.arn}';

    assert.deepEqual(grants('processor'), {
      [cluster]: k('Connect', 'DescribeCluster', 'WriteDataIdempotently'),
      [topic(t.REQUESTS)]: k('DescribeTopic', 'ReadData'),
      [topic(replies)]: k('DescribeTopic', 'WriteData'),
      [topic(t.AUDIT)]: k('DescribeTopic', 'WriteData'),
      [topic(t.DEAD_LETTERS)]: k('DescribeTopic', 'WriteData'),
      [topic(`${app}-*`)]: k('CreateTopic', 'DescribeTopic', 'DescribeTopicDynamicConfiguration', 'ReadData', 'WriteData'),
      [`\${local.kafka_group_arn_prefix}${app}`]: k('AlterGroup', 'DescribeGroup'),
      [`\${local.kafka_txn_id_arn_prefix}${app}-*`]: k('AlterTransactionalId', 'DescribeTransactionalId'),
      '${aws_secretsmanager_secret.signing_key.arn}': ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
      '${aws_kms_key.signing.arn}': ['kms:Decrypt'],
    });
    const decrypt = statements('processor').find((s) => s.actions.includes('kms:Decrypt'));
    assert.ok(decrypt.conditions.some((c) => c.variable === 'kms:ViaService'), 'kms:Decrypt only via Secrets Manager');

    assert.deepEqual(grants('requester'), {
      [cluster]: k('Connect', 'WriteDataIdempotently'),
      [topic(t.REQUESTS)]: k('DescribeTopic', 'WriteData'),
      [topic(replies)]: k('DescribeTopic', 'ReadData'),
    });
    assert.deepEqual(grants('auditor'), {
      [cluster]: k('Connect'),
      [topic(t.AUDIT)]: k('DescribeTopic', 'ReadData'),
    });
    assert.equal(resource('aws_iam_policy', 'requester')?.policy, '${data.aws_iam_policy_document.requester.json}');
    assert.equal(resource('aws_iam_policy', 'auditor')?.policy, '${data.aws_iam_policy_document.auditor.json}');
  });

  test("only the processor's service account can assume the processor role (IRSA)", () => {
    assert.equal(resource('aws_iam_role', 'processor')?.assume_role_policy, '${data.aws_iam_policy_document.processor_trust.json}');
    const [trust, ...more] = tf.data.aws_iam_policy_document.processor_trust.body.statement;
    assert.equal(more.length, 0, 'one trust statement');
    assert.deepEqual(trust.actions, ['sts:AssumeRoleWithWebIdentity']);
    assert.deepEqual(trust.principals, [{ type: 'Federated', identifiers: ['${var.eks_oidc_provider_arn}'] }]);
    const cond = Object.fromEntries(trust.condition.map((c) => [c.variable, c]));
    const sub = cond['${local.eks_oidc_issuer}:sub'];
    assert.equal(sub?.test, 'StringEquals', 'sub must match exactly (no StringLike wildcards)');
    assert.deepEqual(sub?.values, ['system:serviceaccount:${var.processor_namespace}:${var.processor_service_account}']);
    assert.equal(cond['${local.eks_oidc_issuer}:aud']?.test, 'StringEquals');
    assert.deepEqual(cond['${local.eks_oidc_issuer}:aud']?.values, ['sts.amazonaws.com']);
  });


  test('every taggable resource is tagged with the shared tags', () => {
    const provider = tf.provider.aws?.[0];
    assert.equal(block(provider, 'default_tags')?.tags, '${local.tags}', 'provider default_tags must be local.tags');
    // The standard tags are merged last, so extra_tags cannot override them.
    assert.match(locals.tags, /^\$\{merge\(var\.extra_tags, \{/);
    for (const key of ['Project', 'Environment', 'Component', 'ManagedBy', 'Owner']) {
      assert.match(locals.tags, new RegExp(`\\b${key}\\s*=`), `local.tags lacks ${key}`);
    }
    const unclassified = Object.keys(tf.resource).filter((type) => !(type in TAGGABLE));
    assert.deepEqual(unclassified, [], 'classify these resource types in TAGGABLE (see the comment above it)');
    for (const [type, byName] of Object.entries(tf.resource)) {
      for (const [name, { body }] of Object.entries(byName)) {
        if (TAGGABLE[type]) {
          assert.match(body.tags ?? '', /^\$\{(local\.tags|merge\(local\.tags, \{.*Name = .*)\}$/s, `${type}.${name} must set tags = merge(local.tags, { Name = ... })`);
        } else {
          assert.equal(body.tags, undefined, `${type}.${name}: this type takes no tags`);
        }
      }
    }
  });

  test('every variable has a description and a type, and a validation unless it is a bool', () => {
    const names = Object.keys(tf.variable);
    assert.ok(names.length > 10, 'variables not found');
    for (const name of names) {
      const v = tf.variable[name].body;
      assert.ok(typeof v.description === 'string' && v.description.trim().length >= 10, `variable ${name}: description`);
      assert.ok(typeof v.type === 'string' && /^\$\{[\s\S]+\}$/.test(v.type), `variable ${name}: type`);
      if (v.type !== '${bool}') assert.ok(Array.isArray(v.validation) && v.validation.length > 0, `variable ${name}: validation`);
      for (const val of v.validation ?? []) {
        assert.ok(val.condition && val.error_message, `variable ${name}: validation needs condition and error_message`);
      }
    }
    for (const [name, { body }] of Object.entries(tf.output)) {
      assert.ok(body.description, `output ${name}: description`);
    }
  });

  test("topic names and application id equal the processor's defaults (Topics.java, defaults.properties)", () => {
    const t = topics;
    for (const c of ['REQUESTS', 'REPLIES', 'AUDIT', 'DEAD_LETTERS', 'ALLOWED_REPLY_TOPICS']) {
      assert.ok(t[c], `Topics.${c} not found in ${topicsJavaPath}`);
    }
    assert.deepEqual(locals.topic_names, {
      requests: t.REQUESTS, replies: t.REPLIES, audit: t.AUDIT, dead_letters: t.DEAD_LETTERS,
    });
    // The topics created are exactly those names.
    const created = resourcesOfType('aws_msk_topic').map(([, { body }]) => r(body.name)).sort();
    assert.deepEqual(created, [t.AUDIT, t.DEAD_LETTERS, t.REPLIES, t.REQUESTS].sort());
    // The IAM wildcard for reply topics is the processor's allow-list, and covers the default.
    assert.equal(locals.reply_topics_wildcard, regexToIamWildcard(t.ALLOWED_REPLY_TOPICS));
    assert.ok(new RegExp(`^(?:${t.ALLOWED_REPLY_TOPICS})$`).test(t.REPLIES));
    const defaults = processorDefaults;
    assert.equal(locals.application_id, defaults['application.id']);
    for (const [key, name] of [['topics.requests', t.REQUESTS], ['topics.replies', t.REPLIES], ['topics.audit', t.AUDIT], ['topics.dead-letters', t.DEAD_LETTERS]]) {
      assert.equal(defaults[key], name, `processor default ${key}`);
    }
  });

  /** Does a tfvars value fit a simple Terraform type expression? Object types are checked for shape only. */
  function fitsType(value, type) {
    if (value === null) return true;
    const t = type.replace(/^\$\{|\}$/g, '').trim();
    if (t === 'string') return typeof value === 'string';
    if (t === 'number') return typeof value === 'number';
    if (t === 'bool') return typeof value === 'boolean';
    const inner = /^(list|set|map)\((.*)\)$/s.exec(t);
    if (inner) {
      const items = inner[1] === 'map' ? (value && typeof value === 'object' && !Array.isArray(value) ? Object.values(value) : null) : (Array.isArray(value) ? value : null);
      return items !== null && items.every((item) => fitsType(item, inner[2]));
    }
    if (t.startsWith('object(')) return value !== null && typeof value === 'object' && !Array.isArray(value);
    return true;
  }

  test('each env tfvars sets only declared variables, every required one, with the right types', () => {
    assert.deepEqual(Object.keys(tfvars).sort(), [...ENVS].sort(), 'envs/dev.tfvars, stage.tfvars, prod.tfvars');
    const required = Object.entries(tf.variable).filter(([, { body }]) => !('default' in body)).map(([n]) => n);
    for (const env of ENVS) {
      const set = Object.keys(tfvars[env]);
      const undeclared = set.filter((n) => !(n in tf.variable));
      assert.deepEqual(undeclared, [], `${env}.tfvars sets undeclared variables`);
      const missing = required.filter((n) => !set.includes(n));
      assert.deepEqual(missing, [], `${env}.tfvars misses required variables`);
      for (const n of set) {
        assert.ok(fitsType(tfvars[env][n], tf.variable[n].body.type), `${env}.tfvars: ${n} does not fit ${tf.variable[n].body.type}`);
      }
      assert.equal(tfvars[env].environment, env, `${env}.tfvars must set environment = "${env}"`);
    }
  });

  test('cluster configuration: min.insync.replicas=2, no unclean leader election, no auto topic creation', () => {
    const conf = resource('aws_msk_configuration', 'this');
    assert.ok(conf, 'aws_msk_configuration.this missing');
    const props = parseProperties(conf.server_properties ?? '');
    assert.equal(props['min.insync.replicas'], '2');
    assert.equal(props['unclean.leader.election.enable'], 'false');
    assert.equal(props['auto.create.topics.enable'], 'false');
    assert.equal(props['default.replication.factor'], '3');
    assert.equal(props['transaction.state.log.min.isr'], '2');
    assert.equal(conf.kafka_versions?.[0], '${var.kafka_version}');
    const info = block(cluster(), 'configuration_info');
    assert.equal(info?.arn, '${aws_msk_configuration.this.arn}', 'the cluster must use this configuration');
    assert.equal(info?.revision, '${aws_msk_configuration.this.latest_revision}');
    // Every topic pins the same guarantees.
    assert.equal(locals.topic_common_configs['min.insync.replicas'], '2');
    assert.equal(locals.topic_common_configs['unclean.leader.election.enable'], 'false');
  });

  test('audit topic: long or unlimited retention, at least as many partitions as requests, protected', () => {
    const audit = resource('aws_msk_topic', 'audit');
    assert.ok(audit, 'aws_msk_topic.audit missing');
    assert.equal(audit.lifecycle?.[0]?.prevent_destroy, true, 'the audit trail must be protected from destroy/replace');
    assert.match(audit.configs, /"retention\.bytes"\s*=\s*"-1"/, 'never deleted for size');
    assert.match(audit.configs, /"retention\.ms"\s*=\s*tostring\(var\.topic_retention_ms\.audit\)/);
    assert.equal(audit.partition_count, '${local.audit_topic_partitions}');
    assert.ok(allStrings(audit.lifecycle).includes('${local.audit_topic_partitions >= var.topic_partitions}'), 'partition precondition');
    assert.ok(resource('aws_msk_topic', 'requests').depends_on?.includes('${aws_msk_topic.audit}'), 'audit grows before requests');
    for (const env of ENVS) {
      const retention = envValue(env, 'topic_retention_ms').audit;
      assert.ok(retention === -1 || retention >= 365 * 24 * 3600 * 1000, `${env}: audit retention ${retention}`);
      const partitions = envValue(env, 'topic_partitions');
      assert.ok((envValue(env, 'audit_topic_partitions') ?? partitions) >= partitions, `${env}: audit partitions`);
    }
    assert.equal(envValue('prod', 'topic_retention_ms').audit, -1, 'prod keeps the audit trail forever');
  });

  test('brokers: three zones, autoscaled storage, open monitoring, broker logs with retention', () => {
    for (const env of ENVS) {
      const brokers = envValue(env, 'broker_count');
      assert.ok(brokers >= 3 && brokers % 3 === 0, `${env}: broker_count ${brokers} is not a multiple of 3`);
      assert.ok(envValue(env, 'topic_replication_factor') >= 3, `${env}: replication factor`);
      assert.match(envValue(env, 'kafka_version'), /^4\.\d+\.x\.kraft$/, `${env}: Kafka 4.x`);
      assert.ok(envValue(env, 'storage_autoscaling_max_gib') >= envValue(env, 'broker_volume_size_gib'), `${env}: autoscaling max`);
    }
    assert.equal(locals.zone_count, 3);
    const target = resource('aws_appautoscaling_target', 'broker_storage');
    assert.equal(target?.scalable_dimension, 'kafka:broker-storage:VolumeSize');
    assert.equal(target?.resource_id, '${aws_msk_cluster.this.arn}');
    const policy = resource('aws_appautoscaling_policy', 'broker_storage');
    const tracking = block(policy, 'target_tracking_scaling_policy_configuration');
    assert.equal(block(tracking, 'predefined_metric_specification')?.predefined_metric_type, 'KafkaBrokerStorageUtilization');
    assert.equal(tracking?.disable_scale_in, true);
    assert.ok(cluster().lifecycle[0].ignore_changes.some((p) => p.includes('volume_size')), 'autoscaled size must not be reverted');

    const prometheus = block(block(cluster(), 'open_monitoring'), 'prometheus');
    assert.equal(block(prometheus, 'jmx_exporter')?.enabled_in_broker, true);
    assert.equal(block(prometheus, 'node_exporter')?.enabled_in_broker, true);
    const logs = block(block(block(cluster(), 'logging_info'), 'broker_logs'), 'cloudwatch_logs');
    assert.equal(logs?.enabled, true);
    assert.equal(logs?.log_group, '${aws_cloudwatch_log_group.broker.name}');
    assert.equal(resource('aws_cloudwatch_log_group', 'broker')?.retention_in_days, '${var.broker_log_retention_days}');
  });

  test('ECR scans on push with immutable tags; the signing key is a KMS-encrypted secret without a value in code', () => {
    const repo = resource('aws_ecr_repository', 'processor');
    assert.equal(repo?.image_tag_mutability, 'IMMUTABLE');
    assert.equal(block(repo, 'image_scanning_configuration')?.scan_on_push, true);
    assert.equal(block(repo, 'encryption_configuration')?.encryption_type, 'KMS');
    assert.equal(resource('aws_secretsmanager_secret', 'signing_key')?.kms_key_id, '${aws_kms_key.signing.arn}');
    assert.equal(tf.resource.aws_secretsmanager_secret_version, undefined, 'the secret value must not pass through Terraform state');
    for (const name of ['bootstrap_brokers_sasl_iam', 'processor_role_arn', 'ecr_repository_url']) {
      assert.ok(tf.output[name], `output ${name} missing`);
    }
  });

  return list;
}
