package io.rngstream.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessorConfigTest {
  private static final Map<String, String> REQUIRED = Map.of(
      "RNG_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
      "RNG_REGISTRY_URL", "http://127.0.0.1:8080/apis/registry/v3");

  private static ProcessorConfig fromEnv(final Map<String, String> environment) {
    return ProcessorConfig.from(ConfigSource.load(environment, Map.of()));
  }

  @Test
  void defaultsNeedOnlyTheBrokerAndTheRegistry() {
    final ProcessorConfig config = fromEnv(REQUIRED);
    assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(config.topics()).isEqualTo(new ProcessorConfig.TopicNames(
        "rng.requests.v1", "rng.replies.v1", "rng.audit.v1", "rng.requests.dlq.v1"));
    assertThat(config.limits()).isEqualTo(new ProcessorConfig.Limits(10_000, 1024, 65_536));
    assertThat(config.allowedReplyTopics().pattern()).isEqualTo("rng\\.replies\\..*");
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.kafkaProperties()).doesNotContainKey("bootstrap.servers");
  }

  @Test
  void rateLimitsAreOnByDefaultAndCanBeSwitchedOff() {
    final ProcessorConfig config = fromEnv(REQUIRED);
    assertThat(config.rateLimits()).isEqualTo(new ProcessorConfig.RateLimits(1000, 10_000, 1_000_000, 10_000_000));
    assertThat(config.rateLimits().enabled()).isTrue();
    assertThat(config.effectiveSettings()).containsEntry("limits.rate.requests-per-second", "1000")
        .containsEntry("limits.max-request-bytes", "65536");
    final Map<String, String> off = new java.util.HashMap<>(REQUIRED);
    off.put("RNG_LIMITS_RATE_REQUESTS_PER_SECOND", "0");
    off.put("RNG_LIMITS_RATE_NUMBERS_PER_SECOND", "0");
    assertThat(fromEnv(off).rateLimits().enabled()).isFalse();
  }

  @Test
  void refusesANumbersBucketSmallerThanTheLargestRequest() {
    final Map<String, String> environment = new java.util.HashMap<>(REQUIRED);
    environment.put("RNG_LIMITS_RATE_NUMBERS_BURST", "9999");
    assertThatThrownBy(() -> fromEnv(environment))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("limits.rate.numbers-burst")
        .hasMessageContaining("limits.max-count");
  }

  @Test
  void refusesARequestSizeLimitTooSmallForAnyRequest() {
    final Map<String, String> environment = new java.util.HashMap<>(REQUIRED);
    environment.put("RNG_LIMITS_MAX_REQUEST_BYTES", "100");
    assertThatThrownBy(() -> fromEnv(environment))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("limits.max-request-bytes");
  }

  @Test
  void missingBootstrapServersNamesTheVariable() {
    assertThatThrownBy(() -> fromEnv(Map.of("RNG_REGISTRY_URL", "http://localhost:8080")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafka.bootstrap.servers")
        .hasMessageContaining("RNG_KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void invalidNumberNamesTheKeyAndValue() {
    final Map<String, String> environment = new java.util.HashMap<>(REQUIRED);
    environment.put("RNG_LIMITS_MAX_COUNT", "lots");
    assertThatThrownBy(() -> fromEnv(environment))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("limits.max-count=lots")
        .hasMessageContaining("RNG_LIMITS_MAX_COUNT");
  }

  @Test
  void rejectsAnAllowListThatExcludesTheDefaultReplyTopic() {
    final Map<String, String> environment = new java.util.HashMap<>(REQUIRED);
    environment.put("RNG_REPLIES_ALLOWED_TOPICS", "other\\..*");
    assertThatThrownBy(() -> fromEnv(environment)).hasMessageContaining("replies.allowed-topics");
  }

  @Test
  void rejectsARegistryUrlThatIsNotHttp() {
    final Map<String, String> environment = new java.util.HashMap<>(REQUIRED);
    environment.put("RNG_REGISTRY_URL", "localhost:8080");
    assertThatThrownBy(() -> fromEnv(environment)).hasMessageContaining("registry.url");
  }

  @Test
  void environmentOverridesKnownKeysByTheirMappedName() {
    final Map<String, String> environment = new java.util.HashMap<>(REQUIRED);
    environment.put("RNG_TOPICS_DEAD_LETTERS", "my.dlq");
    environment.put("RNG_LIMITS_MAX_COUNT", "50");
    final ProcessorConfig config = fromEnv(environment);
    assertThat(config.topics().deadLetters()).isEqualTo("my.dlq");
    assertThat(config.limits().maxCount()).isEqualTo(50);
  }

  @Test
  void passesKafkaAndApicurioSettingsThrough() {
    final Map<String, String> environment = new java.util.HashMap<>(REQUIRED);
    environment.put("RNG_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
    environment.put("RNG_KAFKA_NUM_STREAM_THREADS", "2");
    environment.put("RNG_APICURIO_REGISTRY_AUTH_USERNAME", "svc");
    final ProcessorConfig config = fromEnv(environment);
    assertThat(config.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL").containsEntry("num.stream.threads", "2");
    assertThat(config.registryProperties()).containsEntry("apicurio.registry.auth.username", "svc");
  }

  @Test
  void layersFileBelowEnvironmentAndOverridesAboveAll(@TempDir final Path dir) throws Exception {
    final Path file = dir.resolve("rng.properties");
    Files.writeString(file, "limits.max-count=20\nlimits.max-user-data-chars=10\n");
    final Map<String, String> environment = new java.util.HashMap<>(REQUIRED);
    environment.put("RNG_CONFIG_FILE", file.toString());
    environment.put("RNG_LIMITS_MAX_USER_DATA_CHARS", "11");
    final ProcessorConfig config = ProcessorConfig.from(ConfigSource.load(environment, Map.of("topics.partitions", "5")));
    assertThat(config.limits()).isEqualTo(new ProcessorConfig.Limits(20, 11, 65_536));
    assertThat(config.topicLayout().partitions()).isEqualTo(5);
  }

  @Test
  void mapsKeysToEnvironmentVariables() {
    assertThat(ConfigSource.environmentVariable("topics.dead-letters")).isEqualTo("RNG_TOPICS_DEAD_LETTERS");
  }
}
