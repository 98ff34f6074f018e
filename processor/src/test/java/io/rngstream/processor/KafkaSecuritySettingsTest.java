package io.rngstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.rngstream.processor.config.ConfigSource;
import io.rngstream.processor.config.ProcessorConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Security settings reach every Kafka client the processor opens (streams' producer and the Admin client that checks
 * topics and looks up reply partitions), the AWS MSK IAM classes load from the runtime classpath, and secrets stay
 * out of /info and the logs. No broker: the bootstrap address is unreachable and nothing connects.
 */
class KafkaSecuritySettingsTest {
  private static final String UNREACHABLE = "127.0.0.1:1";

  private static ProcessorConfig fromEnv(final Map<String, String> extra) {
    final Map<String, String> environment = new HashMap<>(Map.of(
        "RNG_KAFKA_BOOTSTRAP_SERVERS", UNREACHABLE,
        "RNG_REGISTRY_URL", "http://127.0.0.1:1/apis/registry/v3"));
    environment.putAll(extra);
    return ProcessorConfig.from(ConfigSource.load(environment, Map.of()));
  }

  @Test
  void mskIamCallbackHandlerAndLoginModuleLoadFromProcessorEnvironment() {
    final ProcessorConfig config = fromEnv(Map.of(
        "RNG_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
        "RNG_KAFKA_SASL_MECHANISM", "AWS_MSK_IAM",
        "RNG_KAFKA_SASL_JAAS_CONFIG", "software.amazon.msk.auth.iam.IAMLoginModule required;",
        "RNG_KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS", "software.amazon.msk.auth.iam.IAMClientCallbackHandler"));
    assertThat(config.kafkaProperties())
        .containsEntry("sasl.mechanism", "AWS_MSK_IAM")
        .containsEntry("sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");

    // Constructing the clients builds the SASL channel: it loads the callback handler class and logs in with the
    // JAAS login module, or throws when either is missing from the classpath.
    final Map<String, Object> producerConfig = new StreamsConfig(ProcessorApp.streamsProperties(config))
        .getProducerConfigs("security-test");
    producerConfig.put("max.block.ms", 1);
    try (KafkaProducer<byte[], byte[]> producer =
             new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
      assertThat(producer.metrics()).isNotEmpty();
    }
    try (Admin admin = Admin.create(ProcessorApp.adminProperties(config))) {
      assertThat(admin.metrics()).isNotEmpty();
    }
    assertThat(ProcessorApp.adminProperties(config))
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "AWS_MSK_IAM");
    assertThat(loaded("software.amazon.msk.auth.iam.IAMClientCallbackHandler")).isTrue();
    assertThat(loaded("software.amazon.msk.auth.iam.IAMLoginModule")).isTrue();
  }

  @Test
  void secretsAreRedactedFromInfoAndNeverLogged() {
    final String secret = "s3cret-" + UUID.randomUUID();
    final Map<String, String> environment = new HashMap<>();
    environment.put("RNG_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
    environment.put("RNG_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
    environment.put("RNG_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required"
        + " username=\"rng-processor\" password=\"" + secret + "\";");
    environment.put("RNG_KAFKA_SSL_TRUSTSTORE_LOCATION", "/var/run/secrets/kafka/truststore.p12");
    environment.put("RNG_KAFKA_SSL_TRUSTSTORE_PASSWORD", secret);
    environment.put("RNG_KAFKA_SSL_KEYSTORE_PASSWORD", secret);
    environment.put("RNG_KAFKA_SSL_KEY_PASSWORD", secret);
    environment.put("RNG_KAFKA_SSL_KEYSTORE_KEY", secret);
    environment.put("RNG_APICURIO_REGISTRY_AUTH_PASSWORD", secret);
    environment.put("RNG_APICURIO_AUTH_CLIENT_SECRET", secret);
    final ProcessorConfig config = fromEnv(environment);

    final Map<String, String> info = config.effectiveSettings();
    assertThat(info)
        .containsEntry("kafka.sasl.jaas.config", "[redacted]")
        .containsEntry("kafka.ssl.truststore.password", "[redacted]")
        .containsEntry("kafka.ssl.keystore.password", "[redacted]")
        .containsEntry("kafka.ssl.key.password", "[redacted]")
        .containsEntry("kafka.ssl.keystore.key", "[redacted]")
        .containsEntry("apicurio.registry.auth.password", "[redacted]")
        .containsEntry("apicurio.auth.client.secret", "[redacted]")
        .containsEntry("kafka.security.protocol", "SASL_SSL")
        .containsEntry("kafka.ssl.truststore.location", "/var/run/secrets/kafka/truststore.p12");
    assertThat(info.toString()).doesNotContain(secret);

    // Kafka logs every client's configuration when it starts: its password-typed values must show as hidden.
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    final Logger configLogger = (Logger) LoggerFactory.getLogger("org.apache.kafka");
    final ch.qos.logback.classic.Level level = configLogger.getLevel();
    configLogger.setLevel(ch.qos.logback.classic.Level.INFO);
    try {
      final Map<String, Object> adminConfig = new HashMap<>(ProcessorApp.adminProperties(config));
      adminConfig.remove("ssl.truststore.location");
      adminConfig.remove("ssl.keystore.key");
      adminConfig.remove("ssl.key.password");
      adminConfig.remove("ssl.keystore.password");
      adminConfig.remove("ssl.truststore.password");
      try (Admin admin = Admin.create(adminConfig)) {
        admin.close(Duration.ZERO);
      }
    } finally {
      configLogger.setLevel(level);
      root.detachAppender(appender);
    }
    assertThat(appender.list).anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("sasl.jaas.config"));
    assertThat(appender.list).noneSatisfy(event -> assertThat(event.getFormattedMessage()).contains(secret));
  }

  private static boolean loaded(final String className) {
    try {
      Class.forName(className, false, KafkaSecuritySettingsTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
