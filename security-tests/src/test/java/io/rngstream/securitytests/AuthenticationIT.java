package io.rngstream.securitytests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rngstream.client.sdk.RngClient;
import io.rngstream.devstack.BrokerSecurity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Who may connect at all: SCRAM passwords on SASL_SSL, client certificates on the mutual TLS listener. */
@ExtendWith(SecureStack.class)
class AuthenticationIT {
  /** A refusal must come back as an error well before this, never as a hang. */
  private static final Duration REFUSED_WITHIN = Duration.ofSeconds(20);

  @Test
  void wrongPasswordIsRefusedQuicklyWithAClearError(final SecureStack stack) {
    final String user = "requester-" + UUID.randomUUID();
    final Map<String, Object> good = stack.newScramUser(user);
    final Map<String, Object> wrong = new HashMap<>(stack.security().scramClient(user, BrokerSecurity.randomSecret()));

    final long startNanos = System.nanoTime();
    assertThatThrownBy(() -> RngClient.builder()
            .bootstrapServers(stack.bootstrapServers())
            .registryUrl(stack.registryUrl())
            .clientId(user)
            .timeout(Duration.ofSeconds(5))
            .kafkaProperties(wrong)
            .build())
        .hasRootCauseInstanceOf(SaslAuthenticationException.class)
        .rootCause().hasMessageContaining("Authentication failed");
    assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(REFUSED_WITHIN);

    // The same user with the right password is let in: the refusal was about the password.
    try (Admin admin = Admin.create(good)) {
      assertThat(admin.describeCluster().nodes()).succeedsWithin(REFUSED_WITHIN);
    }
  }

  @Test
  void mutualTlsClientConnectsWithItsCertificateAndIsRefusedWithout(final SecureStack stack) throws Exception {
    final String name = "tls-client-" + UUID.randomUUID().toString().substring(0, 8);
    final String topic = "mtls." + name;
    final Path keystore = stack.security().issueClientKeystore(name);
    try (Admin operator = stack.operatorAdmin()) {
      operator.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
      // The certificate's CN is the principal (ssl.principal.mapping.rules): User:<name>.
      final ResourcePattern pattern = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
      operator.createAcls(List.of(
          new AclBinding(pattern, new AccessControlEntry("User:" + name, "*", AclOperation.WRITE, AclPermissionType.ALLOW)),
          new AclBinding(pattern, new AccessControlEntry("User:" + name, "*", AclOperation.READ, AclPermissionType.ALLOW))))
          .all().get(30, TimeUnit.SECONDS);
    }
    final Map<String, Object> tls = new HashMap<>(stack.security().mutualTlsClient(keystore));
    tls.put("bootstrap.servers", stack.mutualTlsBootstrapServers());

    final Map<String, Object> producerConfig = new HashMap<>(tls);
    producerConfig.put("max.block.ms", 20_000);
    try (KafkaProducer<String, String> producer =
             new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "k", "over mutual TLS")).get(30, TimeUnit.SECONDS);
    }
    try (KafkaConsumer<String, String> consumer =
             new KafkaConsumer<>(tls, new StringDeserializer(), new StringDeserializer())) {
      final TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      final ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(20));
      assertThat(records.records(partition)).extracting(r -> r.value()).containsExactly("over mutual TLS");
    }

    final Map<String, Object> noCertificate = new HashMap<>(stack.security().tlsClientWithoutCertificate());
    noCertificate.put("bootstrap.servers", stack.mutualTlsBootstrapServers());
    final long startNanos = System.nanoTime();
    try (Admin admin = Admin.create(noCertificate)) {
      assertThatThrownBy(() -> admin.describeCluster().nodes().get(REFUSED_WITHIN.toSeconds(), TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SslAuthenticationException.class);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(REFUSED_WITHIN);
  }
}
