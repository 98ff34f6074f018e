package io.rngstream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.RandomRequest;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.core.generation.DrawAlgorithms;
import io.rngstream.core.generation.DrawSpec;
import io.rngstream.core.generation.SeedGenerator;
import io.rngstream.core.signing.Ed25519Keys;
import io.rngstream.core.protocol.DeadLetterReason;
import io.rngstream.core.protocol.Headers;
import io.rngstream.processor.TestRequests;
import io.rngstream.processor.audit.AuditRecords;
import io.rngstream.processor.config.ConfigSource;
import io.rngstream.processor.config.ProcessorConfig;
import io.rngstream.processor.generation.NumberDrawer;
import io.rngstream.processor.observe.InMemoryTracing;
import io.rngstream.processor.observe.ProcessorMetrics;
import io.rngstream.processor.observe.RequestObserver;
import io.rngstream.processor.observe.Telemetry;
import io.helidon.metrics.api.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.StackEndpoints;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The topology on TopologyTestDriver, with the real Apicurio serdes against the devstack registry. */
@ExtendWith(DevStackExtension.class)
class RequestTopologyIT {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:01Z");
  private static final Map<String, Integer> PARTITIONS = Map.of("rng.replies.v1", 3, "rng.replies.team-a", 2);

  private final InMemoryTracing tracing = new InMemoryTracing();
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> requests;
  private Serializer<Object> serializer;
  private Deserializer<Object> deserializer;

  @BeforeEach
  void startDriver(final StackEndpoints stack) {
    final ProcessorConfig config = ProcessorConfig.from(ConfigSource.load(Map.of(), Map.of(
        "kafka.bootstrap.servers", "unused:9092", "registry.url", stack.registryUrl(), "instance.id", "test-instance")));
    final ContractSerdes serdes = new ContractSerdes(stack.registryUrl(), Map.of());
    final RequestTopology.Parts parts = new RequestTopology.Parts(serdes,
        topic -> PARTITIONS.containsKey(topic) ? OptionalInt.of(PARTITIONS.get(topic)) : OptionalInt.empty(),
        new NumberDrawer(DrawAlgorithms.current(), new SeedGenerator()),
        Ed25519Keys.generate(),
        new AuditRecords("test-instance", "test-version"),
        new RequestObserver(new ProcessorMetrics(MeterRegistry.create()), Telemetry.using(tracing.openTelemetry()),
            "topology-test", Clock.fixed(NOW, ZoneOffset.UTC)),
        Clock.fixed(NOW, ZoneOffset.UTC));
    final Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    properties.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "ttd-state").toAbsolutePath().toString());
    driver = new TopologyTestDriver(RequestTopology.build(config, parts), properties);
    requests = driver.createInputTopic("rng.requests.v1", Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    serializer = serdes.valueSerializer();
    deserializer = serdes.valueDeserializer();
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  private void send(final RandomRequest request, final RecordHeaders headers) {
    final byte[] value = serializer.serialize("rng.requests.v1", request);
    requests.pipeInput(new TestRecord<>(request.getClientId().getBytes(StandardCharsets.UTF_8), value, headers, NOW.minusMillis(40)));
  }

  private List<TestRecord<String, Object>> read(final String topic) {
    final TestOutputTopic<String, Object> output = driver.createOutputTopic(topic, Serdes.String().deserializer(), deserializer);
    return output.readRecordsToList();
  }

  private static RecordHeaders correlated(final byte[] correlationId) {
    final RecordHeaders headers = new RecordHeaders();
    headers.add(Headers.CORRELATION_ID, correlationId);
    return headers;
  }

  @Test
  void drawsWithinBoundsAndWritesReplyAndAuditRecord() {
    send(TestRequests.dice("r-1").build(), correlated(new byte[] {9, 8, 7}));

    final List<TestRecord<String, Object>> replies = read("rng.replies.v1");
    assertThat(replies).hasSize(1);
    assertThat(replies.get(0).key()).as("replies are keyed by requestId").isEqualTo("r-1");
    final RandomReply reply = (RandomReply) replies.get(0).value();
    assertThat(reply.getStatus()).isEqualTo(ReplyStatus.OK);
    assertThat(reply.getNumbers()).hasSize(3).allSatisfy(number -> assertThat(number).isBetween(1L, 6L));
    assertThat(reply.getSeed().remaining()).isEqualTo(32);
    assertThat(reply.getSeedSource()).isEqualTo(new SeedGenerator().sourceName());
    assertThat(reply.getAlgorithm()).isEqualTo("HMAC_DRBG-SHA256/unbiased-v1");
    assertThat(reply.getSerial()).isEqualTo("0:0");
    assertThat(reply.getGeneratedAt()).isEqualTo(NOW);
    assertThat(replies.get(0).headers().lastHeader(Headers.CORRELATION_ID).value()).containsExactly(9, 8, 7);

    final List<TestRecord<String, Object>> audit = read("rng.audit.v1");
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).key()).as("audit records are keyed by clientId").isEqualTo("client-a");
    final AuditRecord record = (AuditRecord) audit.get(0).value();
    assertThat(record.getNumbers()).isEqualTo(reply.getNumbers());
    assertThat(record.getSeed()).isEqualTo(reply.getSeed());
    assertThat(record.getSourceTopic()).isEqualTo("rng.requests.v1");
    assertThat(record.getSourceOffset()).isZero();
    assertThat(record.getReplyTopic()).isEqualTo("rng.replies.v1");
    assertThat(record.getProcessorInstanceId()).isEqualTo("test-instance");
    assertThat(record.getReceivedAt()).isEqualTo(NOW.minusMillis(40));
    assertThat(read("rng.requests.dlq.v1")).isEmpty();
  }

  @Test
  void auditRecordAloneReDerivesTheNumbers() {
    send(TestRequests.dice("r-1").setCount(20).setMax(1000).build(), new RecordHeaders());
    final AuditRecord record = (AuditRecord) read("rng.audit.v1").get(0).value();
    final byte[] seed = new byte[32];
    record.getSeed().duplicate().get(seed);
    final long[] again = DrawAlgorithms.byId(record.getAlgorithm()).orElseThrow()
        .draw(seed, new DrawSpec(record.getMin(), record.getMax(), record.getCount(), record.getUnique()));
    assertThat(record.getNumbers()).containsExactlyElementsOf(Arrays.stream(again).boxed().toList());
  }

  @Test
  void seededRequestGivesTheSameNumbersTwice() {
    final ByteBuffer seed = ByteBuffer.wrap(new byte[32]).put(0, (byte) 42);
    send(TestRequests.dice("s-1").setCount(10).setSeed(seed).build(), new RecordHeaders());
    send(TestRequests.dice("s-2").setCount(10).setSeed(seed).build(), new RecordHeaders());
    final List<TestRecord<String, Object>> replies = read("rng.replies.v1");
    final RandomReply first = (RandomReply) replies.get(0).value();
    final RandomReply second = (RandomReply) replies.get(1).value();
    assertThat(first.getSeedSource()).isEqualTo("CLIENT");
    assertThat(first.getNumbers()).isEqualTo(second.getNumbers());
  }

  @Test
  void invalidRequestIsRejectedWithCodeAndAudited() {
    send(TestRequests.dice("bad-1").setMin(10).setMax(1).build(), correlated(new byte[] {1}));
    final RandomReply reply = (RandomReply) read("rng.replies.v1").get(0).value();
    assertThat(reply.getStatus()).isEqualTo(ReplyStatus.REJECTED);
    assertThat(reply.getError().getCode()).isEqualTo(ErrorCode.INVALID_BOUNDS);
    assertThat(reply.getError().getMessage()).contains("min 10 is greater than max 1");
    assertThat(reply.getNumbers()).isEmpty();
    assertThat(reply.getSeed()).isNull();
    final AuditRecord record = (AuditRecord) read("rng.audit.v1").get(0).value();
    assertThat(record.getStatus()).isEqualTo(ReplyStatus.REJECTED);
    assertThat(record.getError().getCode()).isEqualTo(ErrorCode.INVALID_BOUNDS);
  }

  @Test
  void repliesOnAnAllowedReplyTopicAndPartition() {
    final RecordHeaders headers = correlated(new byte[] {5});
    headers.add(Headers.REPLY_TOPIC, "rng.replies.team-a".getBytes(StandardCharsets.UTF_8));
    headers.add(Headers.REPLY_PARTITION, new byte[] {0, 0, 0, 1});
    send(TestRequests.dice("r-team").build(), headers);
    assertThat(read("rng.replies.v1")).isEmpty();
    final List<TestRecord<String, Object>> replies = read("rng.replies.team-a");
    assertThat(replies).hasSize(1);
    assertThat(((RandomReply) replies.get(0).value()).getStatus()).isEqualTo(ReplyStatus.OK);
    assertThat(((AuditRecord) read("rng.audit.v1").get(0).value()).getReplyTopic()).isEqualTo("rng.replies.team-a");
  }

  @Test
  void replyTopicOutsideTheAllowListIsRejectedOnTheDefaultTopic() {
    final RecordHeaders headers = correlated(new byte[] {6});
    headers.add(Headers.REPLY_TOPIC, "rng.audit.v1".getBytes(StandardCharsets.UTF_8));
    send(TestRequests.dice("r-sneaky").build(), headers);
    final List<TestRecord<String, Object>> replies = read("rng.replies.v1");
    assertThat(replies).hasSize(1);
    final RandomReply reply = (RandomReply) replies.get(0).value();
    assertThat(reply.getError().getCode()).isEqualTo(ErrorCode.REPLY_TOPIC_NOT_ALLOWED);
    assertThat(replies.get(0).headers().lastHeader(Headers.CORRELATION_ID).value()).containsExactly(6);
    assertThat(read("rng.audit.v1")).as("exactly one audit record, on the audit topic").hasSize(1);
  }

  @Test
  void processingSpanIsAChildOfTheCallersSpanAndTheTraceTravelsOn() {
    final RecordHeaders headers = correlated(new byte[] {1});
    final String callerSpanId = "00f067aa0ba902b7";
    final String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-" + callerSpanId + "-01";
    headers.add(Headers.TRACEPARENT, traceparent.getBytes(StandardCharsets.US_ASCII));
    send(TestRequests.dice("r-traced").build(), headers);

    final SpanData span = tracing.onlySpanNamed("process rng.requests.v1");
    assertThat(span.getParentSpanId()).isEqualTo(callerSpanId);
    assertThat(span.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.system"))).isEqualTo("kafka");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("rng.outcome"))).isEqualTo("ok");

    final TestRecord<String, Object> reply = read("rng.replies.v1").get(0);
    assertThat(new String(reply.headers().lastHeader(Headers.TRACEPARENT).value(), StandardCharsets.US_ASCII))
        .as("the reply continues the trace from the processing span")
        .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-" + span.getSpanId() + "-01");
    assertThat(((AuditRecord) read("rng.audit.v1").get(0).value()).getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void requestWithoutTraceContextStartsATraceThatTheAuditRecordKeeps() {
    send(TestRequests.dice("r-untraced").build(), new RecordHeaders());
    final SpanData span = tracing.onlySpanNamed("process rng.requests.v1");
    assertThat(span.getParentSpanContext().isValid()).isFalse();
    assertThat(((AuditRecord) read("rng.audit.v1").get(0).value()).getTraceId()).isEqualTo(span.getTraceId());
  }

  @Test
  void poisonPillGoesToTheDeadLetterTopicAndTheNextRequestIsAnswered() {
    requests.pipeInput(new TestRecord<>("client-a".getBytes(StandardCharsets.UTF_8),
        "not avro at all".getBytes(StandardCharsets.UTF_8), new RecordHeaders(), NOW));
    send(TestRequests.dice("after-poison").build(), new RecordHeaders());

    final TestOutputTopic<byte[], byte[]> dlq = driver.createOutputTopic("rng.requests.dlq.v1",
        Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    final List<TestRecord<byte[], byte[]>> deadLetters = dlq.readRecordsToList();
    assertThat(deadLetters).hasSize(1);
    final TestRecord<byte[], byte[]> deadLetter = deadLetters.get(0);
    assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("not avro at all");
    assertThat(header(deadLetter, Headers.DLQ_REASON)).isEqualTo(DeadLetterReason.NOT_AVRO.name());
    assertThat(header(deadLetter, Headers.DLQ_SOURCE_TOPIC)).isEqualTo("rng.requests.v1");
    assertThat(header(deadLetter, Headers.DLQ_SOURCE_PARTITION)).isEqualTo("0");
    assertThat(header(deadLetter, Headers.DLQ_SOURCE_OFFSET)).isEqualTo("0");
    assertThat(read("rng.replies.v1")).extracting(TestRecord::key).containsExactly("after-poison");
    assertThat(read("rng.audit.v1")).hasSize(1);
  }

  @Test
  void nullValueUnknownSchemaAndForeignSchemaAreDeadLettered() {
    requests.pipeInput(new TestRecord<>("k".getBytes(StandardCharsets.UTF_8), null, new RecordHeaders(), NOW));
    requests.pipeInput(new TestRecord<>("k".getBytes(StandardCharsets.UTF_8),
        new byte[] {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 4}, new RecordHeaders(), NOW));
    final Schema foreign = SchemaBuilder.record("Pizza").namespace("com.example").fields().requiredString("topping").endRecord();
    final GenericData.Record pizza = new GenericData.Record(foreign);
    pizza.put("topping", "pineapple");
    requests.pipeInput(new TestRecord<>("k".getBytes(StandardCharsets.UTF_8),
        serializer.serialize("rng.requests.v1", pizza), new RecordHeaders(), NOW));

    final List<String> reasons = driver.createOutputTopic("rng.requests.dlq.v1",
            Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer())
        .readRecordsToList().stream().map(record -> header(record, Headers.DLQ_REASON)).toList();
    assertThat(reasons).containsExactly(DeadLetterReason.NULL_VALUE.name(), DeadLetterReason.UNKNOWN_SCHEMA.name(),
        DeadLetterReason.FOREIGN_SCHEMA.name());
    assertThat(read("rng.replies.v1")).isEmpty();
  }

  private static String header(final TestRecord<byte[], byte[]> record, final String key) {
    return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }
}
