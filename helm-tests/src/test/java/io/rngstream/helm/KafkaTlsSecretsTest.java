package io.rngstream.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** secrets.kafkaTls mounts the PKCS12 stores read-only and passes their password by secretKeyRef only (docs/security.md). */
class KafkaTlsSecretsTest {
  private static final String MOUNT = "/etc/rng-stream/kafka-tls";

  @Test
  void mutualTlsScenarioMountsTheStoresAndReferencesThePassword() {
    final Rendered rendered = ChartUnderTest.render(
        ChartUnderTest.Values.of(ChartUnderTest.testResource("scenarios").resolve("mutual-tls-private-ca.yaml")));
    final JsonNode pod = rendered.workload().path("spec").path("template").path("spec");
    final JsonNode container = pod.path("containers").get(0);

    final Map<String, JsonNode> env = new HashMap<>();
    container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
    assertThat(env.get("RNG_KAFKA_SECURITY_PROTOCOL").path("value").asText()).isEqualTo("SSL");
    assertThat(env.get("RNG_KAFKA_SSL_KEYSTORE_LOCATION").path("value").asText()).isEqualTo(MOUNT + "/keystore.p12");
    assertThat(env.get("RNG_KAFKA_SSL_TRUSTSTORE_LOCATION").path("value").asText()).isEqualTo(MOUNT + "/truststore.p12");
    for (final String password : new String[] {"RNG_KAFKA_SSL_KEYSTORE_PASSWORD", "RNG_KAFKA_SSL_KEY_PASSWORD",
        "RNG_KAFKA_SSL_TRUSTSTORE_PASSWORD"}) {
      assertThat(env.get(password).has("value")).as(password + " has no literal value").isFalse();
      final JsonNode ref = env.get(password).path("valueFrom").path("secretKeyRef");
      assertThat(ref.path("name").asText()).as(password).isEqualTo("rng-kafka-tls");
      assertThat(ref.path("key").asText()).as(password).isEqualTo("password");
    }

    assertThat(container.path("volumeMounts")).anySatisfy(mount -> {
      assertThat(mount.path("name").asText()).isEqualTo("kafka-tls");
      assertThat(mount.path("mountPath").asText()).isEqualTo(MOUNT);
      assertThat(mount.path("readOnly").asBoolean()).isTrue();
    });
    assertThat(pod.path("volumes")).anySatisfy(volume -> {
      assertThat(volume.path("name").asText()).isEqualTo("kafka-tls");
      assertThat(volume.path("secret").path("secretName").asText()).isEqualTo("rng-kafka-tls");
      assertThat(volume.path("secret").path("items")).extracting(item -> item.path("key").asText())
          .containsExactly("keystore.p12", "truststore.p12");
    });
  }

  @Test
  void defaultsMountNoKafkaStores() {
    final JsonNode pod = ChartUnderTest.render(ChartUnderTest.Values.defaults()).workload()
        .path("spec").path("template").path("spec");
    assertThat(pod.path("volumes")).noneSatisfy(volume -> assertThat(volume.path("name").asText()).isEqualTo("kafka-tls"));
    pod.path("containers").get(0).path("env").forEach(e ->
        assertThat(e.path("name").asText()).doesNotStartWith("RNG_KAFKA_SSL_"));
  }
}
