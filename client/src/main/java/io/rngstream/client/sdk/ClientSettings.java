package io.rngstream.client.sdk;

import io.apicurio.registry.serde.avro.strategy.RecordIdStrategy;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** A client's validated settings, and the Kafka and registry configurations derived from them. */
record ClientSettings(
    String bootstrapServers,
    String registryUrl,
    String clientId,
    String requestTopic,
    String replyTopic,
    Duration timeout,
    int maxInFlight,
    Map<String, Object> kafkaProperties,
    Map<String, Object> apicurioProperties,
    Executor callbackExecutor) {

  /**
   * Kafka settings the client decides: the serdes, and the guarantees request-reply relies on (idempotent writes,
   * reading only committed replies, no consumer group). Setting them is a mistake worth an error, not a silent override.
   */
  static final Set<String> OWNED_KAFKA_KEYS = Set.of(
      ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
      ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
      ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
      ProducerConfig.ACKS_CONFIG, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG,
      ConsumerConfig.ISOLATION_LEVEL_CONFIG, ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
      ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);
  static final String REGISTRY_URL_KEY = "apicurio.registry.url";

  private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  ClientSettings {
    bootstrapServers = required("bootstrapServers", bootstrapServers);
    registryUrl = httpUrl(required("registryUrl", registryUrl));
    clientId = required("clientId", clientId);
    if (clientId.length() > DrawRequest.MAX_REQUEST_ID_CHARS) {
      throw new IllegalArgumentException("clientId has " + clientId.length() + " characters; at most "
          + DrawRequest.MAX_REQUEST_ID_CHARS + " are allowed");
    }
    requestTopic = topic("requestTopic", requestTopic);
    replyTopic = topic("replyTopic", replyTopic);
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive; got " + timeout);
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1; got " + maxInFlight);
    }
    for (final String key : kafkaProperties.keySet()) {
      if (OWNED_KAFKA_KEYS.contains(key)) {
        throw new IllegalArgumentException("Kafka setting " + key + " is set by the client and cannot be changed"
            + (key.equals(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) ? "; use bootstrapServers(...)" : ""));
      }
    }
    for (final String key : apicurioProperties.keySet()) {
      if (!key.startsWith("apicurio.")) {
        throw new IllegalArgumentException("registry setting " + key + " does not start with apicurio.");
      }
      if (key.equals(REGISTRY_URL_KEY)) {
        throw new IllegalArgumentException(REGISTRY_URL_KEY + " is set by registryUrl(...)");
      }
    }
    kafkaProperties = Map.copyOf(kafkaProperties);
    apicurioProperties = Map.copyOf(apicurioProperties);
    Objects.requireNonNull(callbackExecutor, "callbackExecutor");
  }

  /** Producer settings: idempotent, acks=all; sends block at most the client timeout waiting for metadata. */
  Map<String, Object> producerConfig(final String kafkaClientId) {
    final Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, kafkaClientId + "-requests");
    // The caller's settings (security above all) go to both clients; producer-only ones are ignored by the consumer.
    config.putAll(kafkaProperties);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return config;
  }

  /** Reply consumer settings: committed replies only, no group, never creates a topic by asking about it. */
  Map<String, Object> consumerConfig(final String kafkaClientId) {
    final Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, kafkaClientId + "-replies");
    // Latency matters more than fetch efficiency for a reply: do not let the broker hold an empty fetch for 500 ms.
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    config.putAll(kafkaProperties);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // The processor writes replies in transactions: read_uncommitted could deliver a reply that is later aborted.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return config;
  }

  /** Registry serde settings, the same as the processor's, so both resolve the same artifacts. */
  Map<String, Object> serdeConfig() {
    final Map<String, Object> config = new TreeMap<>();
    config.put("apicurio.registry.auto-register", true);
    config.put("apicurio.registry.artifact-resolver-strategy", RecordIdStrategy.class.getName());
    config.put("apicurio.registry.use-specific-avro-reader", true);
    config.putAll(apicurioProperties);
    config.put(REGISTRY_URL_KEY, registryUrl);
    return config;
  }

  private static String required(final String name, final String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value.trim();
  }

  private static String httpUrl(final String value) {
    final URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("registryUrl " + value + " is not a URL", e);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("registryUrl " + value
          + " is not an http(s) URL; expected e.g. http://localhost:8080/apis/registry/v3");
    }
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }

  private static String topic(final String name, final String value) {
    if (value == null || !LEGAL_TOPIC.matcher(value).matches()) {
      throw new IllegalArgumentException(name + " " + value
          + " is not a topic name (1 to 249 of the characters a-z A-Z 0-9 . _ -)");
    }
    return value;
  }
}
