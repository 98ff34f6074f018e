package io.rngstream.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rngstream.core.protocol.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {
  @Test
  void readsCommittedRepliesWithoutAGroupAndWritesIdempotently() {
    final ClientSettings settings = settings(Map.of("security.protocol", "SASL_SSL"), Map.of());

    assertThat(settings.consumerConfig("k"))
        .containsEntry("isolation.level", "read_committed")
        .containsEntry("enable.auto.commit", false)
        .containsEntry("allow.auto.create.topics", false)
        .containsEntry("security.protocol", "SASL_SSL")
        .doesNotContainKey("group.id");
    assertThat(settings.producerConfig("k"))
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", true)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("max.block.ms", 5000L);
  }

  @Test
  void configuresTheSerdesLikeTheProcessor() {
    assertThat(settings(Map.of(), Map.of("apicurio.registry.auto-register", false)).serdeConfig())
        .containsEntry("apicurio.registry.url", "http://localhost:8080/apis/registry/v3")
        .containsEntry("apicurio.registry.artifact-resolver-strategy",
            "io.apicurio.registry.serde.avro.strategy.RecordIdStrategy")
        .containsEntry("apicurio.registry.use-specific-avro-reader", true)
        .containsEntry("apicurio.registry.auto-register", false);
  }

  @Test
  void refusesKafkaSettingsTheClientOwns() {
    assertThatThrownBy(() -> settings(Map.of("isolation.level", "read_uncommitted"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("isolation.level");
    assertThatThrownBy(() -> settings(Map.of("group.id", "g"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesBadValuesWithTheirName() {
    assertThatThrownBy(() -> new ClientSettings("b:1", "not a url", "c", Topics.REQUESTS, Topics.REPLIES,
        Duration.ofSeconds(1), 1, Map.of(), Map.of(), ForkJoinPool.commonPool()))
        .hasMessageContaining("registryUrl");
    assertThatThrownBy(() -> new ClientSettings("b:1", "http://r/apis/registry/v3", "c", "bad topic!",
        Topics.REPLIES, Duration.ofSeconds(1), 1, Map.of(), Map.of(), ForkJoinPool.commonPool()))
        .hasMessageContaining("requestTopic");
    assertThatThrownBy(() -> new ClientSettings("b:1", "http://r/apis/registry/v3", "c", Topics.REQUESTS,
        Topics.REPLIES, Duration.ZERO, 1, Map.of(), Map.of(), ForkJoinPool.commonPool()))
        .hasMessageContaining("timeout");
    assertThatThrownBy(() -> new ClientSettings("", "http://r/apis/registry/v3", "c", Topics.REQUESTS,
        Topics.REPLIES, Duration.ofSeconds(1), 1, Map.of(), Map.of(), ForkJoinPool.commonPool()))
        .hasMessageContaining("bootstrapServers");
  }

  @Test
  void refusesUnknownPropertiesSoThatTyposShow() {
    final Properties properties = new Properties();
    properties.setProperty("bootstrap.servers", "localhost:9092");
    properties.setProperty("timeout-ms", "100");

    assertThatThrownBy(() -> RngClient.builder().properties(properties))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout-ms");
  }

  @Test
  void passesPrefixedPropertiesThrough() {
    final Properties properties = new Properties();
    properties.setProperty("kafka.security.protocol", "SSL");
    properties.setProperty("kafka.acks", "1");

    assertThatThrownBy(() -> RngClient.builder().properties(properties).bootstrapServers("b:1")
        .registryUrl("http://r/apis/registry/v3").build())
        .as("kafka.acks reaches the Kafka settings, where the client refuses it")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acks");
  }

  private static ClientSettings settings(final Map<String, Object> kafka, final Map<String, Object> apicurio) {
    return new ClientSettings("localhost:9092", "http://localhost:8080/apis/registry/v3/", "client-a",
        Topics.REQUESTS, Topics.REPLIES, Duration.ofSeconds(5), 10, kafka, apicurio, ForkJoinPool.commonPool());
  }
}
