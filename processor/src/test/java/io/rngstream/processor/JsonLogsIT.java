package io.rngstream.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rngstream.devstack.ChildJvm;
import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.StackEndpoints;
import io.rngstream.processor.topology.ContractSerdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The processor as its own process, as in production: JSON logs on stdout, and a clean stop on SIGTERM. */
@ExtendWith(DevStackExtension.class)
class JsonLogsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REQUESTS = "rng.requests.logs";

  @Test
  void everyLogLineIsJsonAndRequestLinesCarryTheirFields(final StackEndpoints stack) throws Exception {
    final Path log = Path.of("target", "json-logs-it", "processor.log").toAbsolutePath();
    Files.createDirectories(log.getParent());
    final byte[] seed = new byte[32];
    seed[0] = 0x5e;
    seed[31] = 0x7d;
    try (ChildJvm processor = ChildJvm.builder(Main.class.getName())
        .classpath(System.getProperty("java.class.path"))
        .jvmArg("--enable-native-access=ALL-UNNAMED")
        .jvmArg("--sun-misc-unsafe-memory-access=allow")
        .environment("RNG_KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers())
        .environment("RNG_REGISTRY_URL", stack.registryUrl())
        .environment("RNG_APPLICATION_ID", "json-logs-it")
        .environment("RNG_STATE_DIR", TestKeys.freshStateDir("json-logs-it").toString())
        .environment("RNG_TOPICS_REQUESTS", REQUESTS)
        .environment("RNG_TOPICS_REPLIES", "rng.replies.logs")
        .environment("RNG_TOPICS_AUDIT", "rng.audit.logs")
        .environment("RNG_TOPICS_DEAD_LETTERS", "rng.requests.dlq.logs")
        .environment("RNG_MANAGEMENT_HOST", "127.0.0.1")
        .environment("RNG_MANAGEMENT_PORT", "0")
        .environment("RNG_LOG_LEVELS", "io.rngstream=DEBUG")
        .logFile(log)
        .start()) {
      final int port = await("the processor's start line").atMost(Duration.ofSeconds(90))
          .until(() -> managementPort(log), found -> found > 0);
      final ManagementClient management = new ManagementClient(port);
      await("ready").atMost(Duration.ofSeconds(60)).until(() -> management.get("/ready").status() == 200);

      final ContractSerdes serdes = new ContractSerdes(stack.registryUrl(), Map.of());
      try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
          stack.bootstrapServers()), new StringSerializer(), serdes.valueSerializer())) {
        final ProducerRecord<String, Object> ok = new ProducerRecord<>(REQUESTS, "client-log",
            TestRequests.dice("log-ok").setSeed(ByteBuffer.wrap(seed)).build());
        ok.headers().add("kafka_correlationId", new byte[] {(byte) 0xca, (byte) 0xfe});
        producer.send(ok).get();
        producer.send(new ProducerRecord<>(REQUESTS, "client-log", TestRequests.dice("log-bad").setMin(5).setMax(2).build())).get();
      }
      await("both request lines").atMost(Duration.ofSeconds(60)).until(() -> requestLines(log).size() == 2);

      processor.stop(Duration.ofSeconds(40));
      // 143 is the JVM's status after SIGTERM and its shutdown hooks; 137 would mean it had to be killed.
      assertThat(processor.exitCode()).as("exit status after SIGTERM").isPresent();
      assertThat(processor.exitCode().getAsInt()).as("exit status after SIGTERM").isIn(0, 143);
    }

    final List<JsonNode> lines = parseAll(log);
    assertThat(lines).as("log lines").hasSizeGreaterThan(3);
    for (final JsonNode line : lines) {
      assertThat(line.fieldNames()).toIterable().contains("time", "level", "logger", "thread", "message");
    }
    assertThat(lines).as("a clean close on SIGTERM")
        .anyMatch(line -> line.path("message").asText().equals("Kafka Streams closed cleanly"));
    final List<JsonNode> requests = requestLines(log);
    final JsonNode ok = requests.stream().filter(line -> line.get("requestId").asText().equals("log-ok")).findFirst().orElseThrow();
    assertThat(ok.get("clientId").asText()).isEqualTo("client-a");
    assertThat(ok.get("correlationId").asText()).isEqualTo("cafe");
    assertThat(ok.get("traceId").asText()).hasSize(32);
    assertThat(ok.get("spanId").asText()).hasSize(16);
    assertThat(ok.get("outcome").asText()).isEqualTo("ok");
    assertThat(ok.get("code").asText()).isEqualTo("none");
    assertThat(ok.get("min").asLong()).isEqualTo(1);
    assertThat(ok.get("max").asLong()).isEqualTo(6);
    assertThat(ok.get("count").asInt()).isEqualTo(3);
    assertThat(ok.get("latencyMs").isNumber()).isTrue();
    final JsonNode bad = requests.stream().filter(line -> line.get("requestId").asText().equals("log-bad")).findFirst().orElseThrow();
    assertThat(bad.get("outcome").asText()).isEqualTo("rejected");
    assertThat(bad.get("code").asText()).isEqualTo("INVALID_BOUNDS");
    assertThat(Files.readString(log)).as("no seed in the logs").doesNotContain(HexFormat.of().formatHex(seed));
  }

  private static int managementPort(final Path log) {
    for (final JsonNode line : parseAll(log)) {
      final String message = line.path("message").asText();
      final int at = message.indexOf("management port ");
      if (at >= 0) {
        return Integer.parseInt(message.substring(at + "management port ".length()).replaceAll("\\D.*", ""));
      }
    }
    return 0;
  }

  private static List<JsonNode> requestLines(final Path log) {
    return parseAll(log).stream().filter(line -> line.has("requestId")).toList();
  }

  private static List<JsonNode> parseAll(final Path log) {
    try {
      if (!Files.exists(log)) {
        return List.of();
      }
      final List<JsonNode> parsed = new ArrayList<>();
      for (final String line : Files.readAllLines(log)) {
        // ParentWatch is the test harness in front of the child JVM (devstack), not the processor.
        if (line.isBlank() || line.startsWith("[ParentWatch]")) {
          continue;
        }
        try {
          parsed.add(JSON.readTree(line));
        } catch (IOException e) {
          throw new AssertionError("a log line is not JSON: " + line, e);
        }
      }
      return parsed;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
