package io.rngstream.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.kafkaclients.v2_6.KafkaTelemetry;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.RandomRequest;
import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.SchemaRegistryServer;
import io.rngstream.devstack.StackEndpoints;
import io.rngstream.processor.config.ConfigSource;
import io.rngstream.processor.config.ProcessorConfig;
import io.rngstream.processor.observe.InMemoryTracing;
import io.rngstream.processor.observe.Telemetry;
import io.rngstream.processor.topology.ContractSerdes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Health, readiness, metrics and traces of a real processor on the real broker. It has a registry of its own,
 * which it stops, and topics of its own, so that its counts are its own.
 */
@ExtendWith(DevStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityIT {
  private static final String REQUESTS = "rng.requests.obs";
  private static final String REPLIES = "rng.replies.obs";
  private static final String AUDIT = "rng.audit.obs";
  private static final String DEAD_LETTERS = "rng.requests.dlq.obs";

  private static final InMemoryTracing TRACING = new InMemoryTracing();
  private static SchemaRegistryServer registry;
  private static ProcessorApp processor;
  private static ManagementClient management;
  private static String bootstrapServers;
  private static ContractSerdes serdes;
  private static ManagementClient.Response readyRightAfterStart;

  @BeforeAll
  static void start(final StackEndpoints stack) {
    bootstrapServers = stack.bootstrapServers();
    registry = SchemaRegistryServer.start(SchemaRegistryServer.Config.defaults()
        .withWorkDir(Path.of("target", "observability-registry").toAbsolutePath()));
    serdes = new ContractSerdes(registry.url(), Map.of());
    processor = ProcessorApp.start(config(stack.bootstrapServers(), registry.url(), "observability-it"),
        Telemetry.using(TRACING.openTelemetry()));
    management = new ManagementClient(processor.managementPort());
    readyRightAfterStart = management.get("/ready");
  }

  @AfterAll
  static void stop() {
    if (processor != null) {
      processor.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  static ProcessorConfig config(final String bootstrap, final String registryUrl, final String applicationId) {
    final Map<String, String> settings = new HashMap<>();
    settings.put("kafka.bootstrap.servers", bootstrap);
    settings.put("registry.url", registryUrl);
    settings.put("application.id", applicationId);
    settings.put("state.dir", TestKeys.freshStateDir(applicationId).toString());
    settings.put("topics.requests", REQUESTS);
    settings.put("topics.replies", REPLIES);
    settings.put("topics.audit", AUDIT);
    settings.put("topics.dead-letters", DEAD_LETTERS);
    settings.put("management.host", "127.0.0.1");
    settings.put("management.port", "0");
    settings.put("registry.check-interval-ms", "200");
    settings.put("registry.stale-after-ms", "1500");
    return ProcessorConfig.from(ConfigSource.load(Map.of(), settings));
  }

  private static void awaitReady() {
    await("ready").atMost(Duration.ofSeconds(60)).until(() -> management.get("/ready").status() == 200);
  }

  @Test
  @Order(1)
  void isLiveButNotReadyWhileStartingThenBothWhenRunning() {
    assertThat(readyRightAfterStart.status()).as("ready right after start: %s", readyRightAfterStart.body()).isEqualTo(503);
    assertThat(readyRightAfterStart.body()).contains("\"status\":\"DOWN\"");
    awaitReady();
    final ManagementClient.Response health = management.get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").contains("RUNNING");
    assertThat(management.get("/ready").body()).contains("schema-registry").contains("state-stores");
  }

  @Test
  @Order(2)
  void countsEachOutcomeOnMetrics() throws Exception {
    awaitReady();
    final double okBefore = management.metric("rng_requests_total", "outcome=\"ok\"");
    final double rejectedBefore = management.metric("rng_requests_total", "code=\"invalid_bounds\"");
    final double deadBefore = management.metric("rng_dead_letters_total", "reason=\"not_avro\"");
    final double latencyBefore = management.metric("rng_request_latency_seconds_count", "");
    final double numbersBefore = management.metric("rng_numbers_total", "");

    try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            new StringSerializer(), serdes.valueSerializer());
        KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < 7; i++) {
        producer.send(new ProducerRecord<>(REQUESTS, "client-m", TestRequests.dice("metrics-ok-" + i).build()));
      }
      for (int i = 0; i < 3; i++) {
        producer.send(new ProducerRecord<>(REQUESTS, "client-m", TestRequests.dice("metrics-bad-" + i).setMin(9).setMax(1).build()));
      }
      for (int i = 0; i < 2; i++) {
        raw.send(new ProducerRecord<>(REQUESTS, "junk".getBytes(StandardCharsets.UTF_8), "junk".getBytes(StandardCharsets.UTF_8)));
      }
    }

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(management.metric("rng_requests_total", "outcome=\"ok\"") - okBefore).isEqualTo(7);
      assertThat(management.metric("rng_requests_total", "code=\"invalid_bounds\"") - rejectedBefore).isEqualTo(3);
      assertThat(management.metric("rng_dead_letters_total", "reason=\"not_avro\"") - deadBefore).isEqualTo(2);
      assertThat(management.metric("rng_request_latency_seconds_count", "") - latencyBefore).isEqualTo(10);
      assertThat(management.metric("rng_numbers_total", "") - numbersBefore).isEqualTo(21);
    });
    final String metrics = management.get("/metrics", "text/plain").body();
    assertThat(metrics)
        .contains("rng_request_latency_seconds_bucket{")
        .contains("le=\"0.15\"")
        .contains("rng_draw_seconds_bucket{")
        .contains("rng_request_range_bits_bucket{")
        .contains("rng_request_count_bucket{");
    assertThat(management.metric("rng_streams_state", "state=\"RUNNING\"")).isEqualTo(1);
    assertThat(metrics).as("consumer lag of the requests topic")
        .containsPattern("kafka_consumer_fetch_manager_metrics_records_lag\\{[^}]*topic=\"" + java.util.regex.Pattern.quote(REQUESTS) + "\"");
    assertThat(metrics).as("labelled counters exist at zero before their first increment")
        .containsPattern("(?m)^rng_dead_letters_total\\{[^}]*reason=\"registry_unavailable\"[^}]*} 0\\.0$")
        .containsPattern("(?m)^rng_requests_total\\{[^}]*code=\"request_id_reused\"[^}]*} 0\\.0$");
    assertThat(metrics).as("a Kafka metric reported per client and per topic keeps both series")
        .containsPattern("kafka_consumer_fetch_manager_metrics_records_consumed_total\\{[^}]*topic=\"" + java.util.regex.Pattern.quote(REQUESTS) + "\"")
        .containsPattern("kafka_consumer_fetch_manager_metrics_records_consumed_total\\{[^}]*topic=\"\"");
    assertThat(metrics).as("no label value chosen by a caller").doesNotContain("client-m").doesNotContain("metrics-ok-");
  }

  @Test
  @Order(3)
  void metricsPassPromtoolCheck() throws Exception {
    awaitReady();
    final Path file = Files.createTempFile(Path.of("target"), "metrics", ".txt");
    Files.writeString(file, management.get("/metrics", "text/plain").body());
    final Process promtool;
    try {
      promtool = new ProcessBuilder("promtool", "check", "metrics").redirectInput(file.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("promtool is needed for this test: apt-get install prometheus (.ci/run installs it)", e);
    }
    assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    final String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.exitValue()).as("promtool found errors (exit 1):%n%s", output).isNotEqualTo(1);
    // The one lint finding we keep on purpose: the name is part of the contract (docs/metrics.md), and the
    // bits it counts are bits of information, not a data size that bytes would measure better.
    final List<String> findings = output.lines()
        .filter(line -> !(line.startsWith("rng_request_range_bits") && line.endsWith("use base unit \"bytes\" instead of \"bits\"")))
        .toList();
    assertThat(findings).as("promtool check metrics findings").isEmpty();
  }

  @Test
  @Order(4)
  void servesOpenMetricsWhenAskedAndInfoWithoutSecrets() {
    final ManagementClient.Response openMetrics = management.get("/metrics", "application/openmetrics-text; version=1.0.0");
    assertThat(openMetrics.status()).isEqualTo(200);
    assertThat(openMetrics.body()).contains("# EOF");
    final ManagementClient.Response info = management.get("/info");
    assertThat(info.status()).isEqualTo(200);
    assertThat(info.body()).contains("\"version\"").contains("\"commit\"").contains("\"startedAt\"")
        .contains("Topologies").contains(REQUESTS);
  }

  @Test
  @Order(5)
  void processingSpanIsAChildOfTheProducersSpanAndTheAuditKeepsItsTrace() throws Exception {
    awaitReady();
    final KafkaTelemetry kafkaTelemetry = KafkaTelemetry.create(TRACING.openTelemetry());
    final Tracer tracer = TRACING.openTelemetry().getTracer("test-client");
    try (TopicReader<String, Object> audit = new TopicReader<>(bootstrapServers, AUDIT, Serdes.String().deserializer(), serdes.valueDeserializer());
        Producer<String, Object> producer = kafkaTelemetry.wrap(new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            new StringSerializer(), serdes.<Object>valueSerializer()))) {
      final Span caller = tracer.spanBuilder("caller draws").startSpan();
      final RandomRequest request = TestRequests.dice("traced-1").build();
      try (Scope ignored = caller.makeCurrent()) {
        producer.send(new ProducerRecord<>(REQUESTS, "client-t", request)).get();
      } finally {
        caller.end();
      }
      final SpanData publish = TRACING.spansNamed(REQUESTS + " publish").stream()
          .filter(span -> span.getTraceId().equals(caller.getSpanContext().getTraceId())).findFirst().orElseThrow();

      await().atMost(Duration.ofSeconds(30)).until(() -> TRACING.spansNamed("process " + REQUESTS).stream()
          .anyMatch(span -> span.getTraceId().equals(publish.getTraceId())));
      final SpanData process = TRACING.spansNamed("process " + REQUESTS).stream()
          .filter(span -> span.getTraceId().equals(publish.getTraceId())).findFirst().orElseThrow();
      assertThat(process.getParentSpanId()).as("the processing span's parent is the producer's span").isEqualTo(publish.getSpanId());

      await().atMost(Duration.ofSeconds(30)).until(() -> audit.poll().stream()
          .anyMatch(record -> ((AuditRecord) record.value()).getRequestId().equals("traced-1")));
      final List<ConsumerRecord<String, Object>> records = audit.poll();
      final AuditRecord entry = (AuditRecord) records.stream()
          .filter(record -> ((AuditRecord) record.value()).getRequestId().equals("traced-1")).findFirst().orElseThrow().value();
      assertThat(entry.getTraceId()).isEqualTo(caller.getSpanContext().getTraceId());
    }
  }

  @Test
  @Order(6)
  void readinessNamesTheRegistryWhenItStopsAndRecoversWhenItReturns() {
    awaitReady();
    registry.stop();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      final ManagementClient.Response ready = management.get("/ready");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.body()).contains("schema-registry").contains("has not answered");
    });
    assertThat(management.get("/health").status()).as("liveness does not depend on the registry").isEqualTo(200);
    registry.start();
    awaitReady();
  }

  @Test
  @Order(7)
  void healthFailsOnceTheStreamsAreClosed() {
    processor.stopStreams();
    final ManagementClient.Response health = management.get("/health");
    assertThat(health.status()).isEqualTo(503);
    assertThat(health.body()).contains("NOT_RUNNING");
  }
}
