package io.rngstream.securitytests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rngstream.client.cli.AuditVerifyCommand;
import io.rngstream.client.cli.ExitCodes;
import io.rngstream.client.sdk.DrawRequest;
import io.rngstream.client.sdk.RngClient;
import io.rngstream.processor.ProcessorApp;
import io.rngstream.processor.config.ConfigSource;
import io.rngstream.processor.config.ProcessorConfig;
import io.rngstream.avro.RandomReply;
import io.rngstream.core.protocol.DeadLetterReason;
import io.rngstream.core.protocol.Headers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * The processor, a requester and an auditor on the secure broker, each with exactly its {@link LeastPrivilegeAcls}
 * and nothing more; topics made by the operator beforehand ({@code topics.create=false}), as in production.
 */
@ExtendWith(SecureStack.class)
class LeastPrivilegeIT {
  private static final LeastPrivilegeAcls.Topics TOPICS = LeastPrivilegeAcls.Topics.defaults();
  private static final String APPLICATION_ID = "rng-processor";
  private static final String PROCESSOR = "User:rng-processor";
  private static final String REQUESTER = "User:requester-1";
  private static final String AUDITOR = "User:auditor-1";

  private static SecureStack stack;
  private static ProcessorApp processor;
  private static Map<String, Object> requester;
  private static Map<String, Object> auditor;

  @BeforeAll
  static void start(final SecureStack secureStack) throws Exception {
    stack = secureStack;
    try (Admin operator = stack.operatorAdmin()) {
      operator.createTopics(List.of(
          new NewTopic(TOPICS.requests(), 3, (short) 1), new NewTopic(TOPICS.replies(), 3, (short) 1),
          new NewTopic(TOPICS.audit(), 3, (short) 1), new NewTopic(TOPICS.deadLetters(), 3, (short) 1)))
          .all().get(30, TimeUnit.SECONDS);
      final List<AclBinding> acls = new java.util.ArrayList<>();
      acls.addAll(LeastPrivilegeAcls.processor(PROCESSOR, APPLICATION_ID, TOPICS));
      acls.addAll(LeastPrivilegeAcls.requester(REQUESTER, TOPICS));
      acls.addAll(LeastPrivilegeAcls.auditor(AUDITOR, TOPICS));
      operator.createAcls(acls).all().get(30, TimeUnit.SECONDS);
    }
    final Map<String, Object> processorClient = stack.newScramUser(principalName(PROCESSOR));
    requester = stack.newScramUser(principalName(REQUESTER));
    auditor = stack.newScramUser(principalName(AUDITOR));
    processor = ProcessorApp.start(ProcessorConfig.from(ConfigSource.load(
        processorEnvironment(processorClient), Map.of())));
    await("processor running with least privilege").atMost(Duration.ofSeconds(90))
        .until(() -> processor.failed() || processor.state() == KafkaStreams.State.RUNNING);
    assertThat(processor.failed()).as("processor failed").isFalse();
  }

  /**
   * As a Kubernetes pod gets it: settings from RNG_* variables, the SCRAM and truststore passwords from mounted
   * secret files through Kafka's DirectoryConfigProvider, so no secret is in the environment or in /info.
   */
  private static Map<String, String> processorEnvironment(final Map<String, Object> client) throws IOException {
    final Path secrets = stack.workDir("processor-secrets");
    final String jaas = (String) client.get("sasl.jaas.config");
    final String password = jaas.replaceAll("(?s).*password=\"([^\"]+)\".*", "$1");
    Files.writeString(secrets.resolve("scram-password"), password, StandardCharsets.UTF_8);
    Files.writeString(secrets.resolve("truststore-password"), stack.security().storePassword(), StandardCharsets.UTF_8);
    final Map<String, String> environment = new HashMap<>();
    environment.put("RNG_KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
    environment.put("RNG_REGISTRY_URL", stack.registryUrl());
    environment.put("RNG_APPLICATION_ID", APPLICATION_ID);
    environment.put("RNG_INSTANCE_ID", "least-privilege-1");
    environment.put("RNG_STATE_DIR", stack.workDir("processor-state-" + UUID.randomUUID()).toString());
    environment.put("RNG_MANAGEMENT_HOST", "127.0.0.1");
    environment.put("RNG_MANAGEMENT_PORT", "0");
    environment.put("RNG_TOPICS_CREATE", "false");
    environment.put("RNG_AUDIT_CHECKPOINT_INTERVAL_MS", "500");
    environment.put("RNG_KAFKA_CONFIG_PROVIDERS", "dir");
    environment.put("RNG_KAFKA_CONFIG_PROVIDERS_DIR_CLASS",
        "org.apache.kafka.common.config.provider.DirectoryConfigProvider");
    environment.put("RNG_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
    environment.put("RNG_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
    environment.put("RNG_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required"
        + " username=\"" + principalName(PROCESSOR) + "\" password=\"${dir:" + secrets + ":scram-password}\";");
    environment.put("RNG_KAFKA_SSL_TRUSTSTORE_LOCATION", stack.security().truststore().toString());
    environment.put("RNG_KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12");
    environment.put("RNG_KAFKA_SSL_TRUSTSTORE_PASSWORD", "${dir:" + secrets + ":truststore-password}");
    return environment;
  }

  @AfterAll
  static void stop() {
    if (processor != null) {
      processor.close();
    }
  }

  @Test
  void processorAnswersOverSaslSslWithOnlyItsOwnAcls() throws Exception {
    try (Admin operator = stack.operatorAdmin()) {
      final var granted = operator.describeAcls(new AclBindingFilter(ResourcePatternFilter.ANY,
          new AccessControlEntryFilter(PROCESSOR, null, AclOperation.ANY, AclPermissionType.ANY)))
          .values().get(30, TimeUnit.SECONDS);
      assertThat(new HashSet<>(granted))
          .isEqualTo(new HashSet<>(LeastPrivilegeAcls.processor(PROCESSOR, APPLICATION_ID, TOPICS)));
    }
    final RandomReply reply = draw();
    assertThat(reply.getStatus().name()).isEqualTo("OK");
    assertThat(reply.getNumbers()).hasSize(3).allSatisfy(n -> assertThat(n).isBetween(1L, 6L));
    assertThat(processor.config().effectiveSettings().toString())
        .doesNotContain(stack.security().storePassword());
  }

  @Test
  void requesterCannotWriteOrReadTheAuditTopic() {
    assertThat(draw().getStatus().name()).isEqualTo("OK");
    assertCannotWrite(requester, TOPICS.audit());
    assertCannotRead(requester, TOPICS.audit());
  }

  @Test
  void auditorVerifiesTheAuditTrailAndCanDoNothingElse() throws Exception {
    final RandomReply reply = draw();
    final Path clientConfig = stack.workDir("auditor").resolve("client.properties");
    final Properties properties = new Properties();
    auditor.forEach((key, value) -> properties.setProperty(key, value.toString()));
    try (Writer writer = Files.newBufferedWriter(clientConfig, StandardCharsets.UTF_8)) {
      properties.store(writer, "auditor (written by LeastPrivilegeIT)");
    }
    await("the audit trail verifies, covering draw " + reply.getRequestId()).atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> {
          final StringWriter out = new StringWriter();
          final StringWriter err = new StringWriter();
          final int exit = new CommandLine(new AuditVerifyCommand()).setOut(new PrintWriter(out))
              .setErr(new PrintWriter(err)).execute("--client-config", clientConfig.toString(),
                  "--registry-url", stack.registryUrl(), "--topic", TOPICS.audit(),
                  "--keys-url", "http://127.0.0.1:" + processor.managementPort() + "/keys");
          assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCodes.OK);
          assertThat(out.toString()).contains("audit trail " + TOPICS.audit() + ": ").contains("\nOK: ");
        });
    assertCannotWrite(auditor, TOPICS.requests());
    assertCannotRead(auditor, TOPICS.replies());
    assertCannotRead(auditor, TOPICS.requests());
  }

  @Test
  void hostileBytesFromAnAuthenticatedRequesterBecomeDeadLettersAndTheProcessorKeepsAnswering() throws Exception {
    // Authentication is no licence: a requester with valid credentials and ACLs may still send garbage, a record
    // over the size limit, or name the audit topic as its reply topic. Each ends as one dead letter.
    final byte[] key = ("hostile-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    try (KafkaProducer<byte[], byte[]> producer =
             new KafkaProducer<>(requester, new ByteArraySerializer(), new ByteArraySerializer())) {
      final ProducerRecord<byte[], byte[]> junk = new ProducerRecord<>(TOPICS.requests(), key,
          "{\"min\":1,\"max\":6}".getBytes(StandardCharsets.UTF_8));
      junk.headers().add(Headers.REPLY_TOPIC, TOPICS.audit().getBytes(StandardCharsets.UTF_8));
      producer.send(junk).get(30, TimeUnit.SECONDS);
      producer.send(new ProducerRecord<>(TOPICS.requests(), key, new byte[200_000])).get(30, TimeUnit.SECONDS);
    }
    try (KafkaConsumer<byte[], byte[]> operator = new KafkaConsumer<>(readCommitted(stack.operatorClient()),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      final List<TopicPartition> partitions = operator.partitionsFor(TOPICS.deadLetters()).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      operator.assign(partitions);
      operator.seekToBeginning(partitions);
      final List<String> reasons = new java.util.ArrayList<>();
      await("both hostile records dead-lettered").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        operator.poll(Duration.ofMillis(500)).forEach(record -> {
          if (java.util.Arrays.equals(record.key(), key)) {
            reasons.add(new String(record.headers().lastHeader(Headers.DLQ_REASON).value(), StandardCharsets.UTF_8));
          }
        });
        assertThat(reasons).containsExactlyInAnyOrder(DeadLetterReason.NOT_AVRO.name(),
            DeadLetterReason.REQUEST_TOO_LARGE.name());
      });
    }
    assertThat(processor.failed()).isFalse();
    assertThat(draw().getStatus().name()).isEqualTo("OK");
    assertCannotRead(requester, TOPICS.deadLetters());
  }

  private static Map<String, Object> readCommitted(final Map<String, Object> client) {
    final Map<String, Object> settings = new HashMap<>(client);
    settings.put("isolation.level", "read_committed");
    return settings;
  }

  private static RandomReply draw() {
    try (RngClient client = RngClient.builder()
        .bootstrapServers(stack.bootstrapServers())
        .registryUrl(stack.registryUrl())
        .clientId(principalName(REQUESTER))
        .timeout(Duration.ofSeconds(30))
        .kafkaProperties(withoutBootstrap(requester))
        .build()) {
      return client.drawNow(DrawRequest.between(1, 6).count(3));
    }
  }

  private static void assertCannotWrite(final Map<String, Object> client, final String topic) {
    final Map<String, Object> config = new HashMap<>(client);
    config.put("max.block.ms", 20_000);
    try (KafkaProducer<byte[], byte[]> producer =
             new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, new byte[] {1})).get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
  }

  private static void assertCannotRead(final Map<String, Object> client, final String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer =
             new KafkaConsumer<>(client, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      final TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(20)))
          .isInstanceOf(TopicAuthorizationException.class)
          .hasMessageContaining(topic);
    }
  }

  private static Map<String, Object> withoutBootstrap(final Map<String, Object> client) {
    final Map<String, Object> settings = new HashMap<>(client);
    settings.remove("bootstrap.servers");
    return settings;
  }

  private static String principalName(final String principal) {
    return principal.substring("User:".length());
  }
}
