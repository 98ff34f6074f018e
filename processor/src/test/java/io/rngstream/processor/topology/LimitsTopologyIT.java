package io.rngstream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.metrics.api.MeterRegistry;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.RandomRequest;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.core.generation.DrawAlgorithms;
import io.rngstream.core.generation.SeedGenerator;
import io.rngstream.core.protocol.DeadLetterReason;
import io.rngstream.core.protocol.Headers;
import io.rngstream.core.signing.Ed25519Keys;
import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.StackEndpoints;
import io.rngstream.processor.TestKeys;
import io.rngstream.processor.TestRequests;
import io.rngstream.processor.audit.AuditRecords;
import io.rngstream.processor.config.ConfigSource;
import io.rngstream.processor.config.ProcessorConfig;
import io.rngstream.processor.generation.NumberDrawer;
import io.rngstream.processor.observe.InMemoryTracing;
import io.rngstream.processor.observe.ProcessorMetrics;
import io.rngstream.processor.observe.RequestObserver;
import io.rngstream.processor.observe.Telemetry;
import io.rngstream.processor.ratelimit.BucketState;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rate limits and the record-size limit on TopologyTestDriver, with a clock the test moves. */
@ExtendWith(DevStackExtension.class)
class LimitsTopologyIT {
  private static final Instant START = Instant.parse("2026-12-04T12:00:00Z");

  /** The processor's wall clock, moved by hand. */
  private static final class ManualClock extends Clock {
    private volatile Instant now = START;

    void advance(final Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final InMemoryTracing tracing = new InMemoryTracing();
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> requests;
  private TestOutputTopic<String, Object> replies;
  private TestOutputTopic<String, Object> audit;
  private TestOutputTopic<byte[], byte[]> deadLetters;
  private Serializer<Object> serializer;

  @BeforeEach
  void startDriver(final StackEndpoints stack) {
    final ProcessorConfig config = ProcessorConfig.from(ConfigSource.load(Map.of(), Map.of(
        "kafka.bootstrap.servers", "unused:9092", "registry.url", stack.registryUrl(), "instance.id", "limits-test",
        "limits.rate.requests-per-second", "1", "limits.rate.requests-burst", "3",
        "limits.rate.numbers-per-second", "1000", "limits.rate.numbers-burst", "10000",
        "limits.max-request-bytes", "4096")));
    final ContractSerdes serdes = new ContractSerdes(stack.registryUrl(), Map.of());
    final RequestTopology.Parts parts = new RequestTopology.Parts(serdes,
        topic -> "rng.replies.v1".equals(topic) ? OptionalInt.of(3) : OptionalInt.empty(),
        new NumberDrawer(DrawAlgorithms.current(), new SeedGenerator()),
        Ed25519Keys.generate(),
        new AuditRecords("limits-test", "test-version"),
        new RequestObserver(new ProcessorMetrics(MeterRegistry.create()), Telemetry.using(tracing.openTelemetry()),
            "limits-test", clock),
        clock);
    final Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "limits-topology-test");
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    properties.put(StreamsConfig.STATE_DIR_CONFIG, TestKeys.freshStateDir("limits-ttd").toString());
    driver = new TopologyTestDriver(RequestTopology.build(config, parts), properties);
    requests = driver.createInputTopic("rng.requests.v1", Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    replies = driver.createOutputTopic("rng.replies.v1", Serdes.String().deserializer(), serdes.valueDeserializer());
    audit = driver.createOutputTopic("rng.audit.v1", Serdes.String().deserializer(), serdes.valueDeserializer());
    deadLetters = driver.createOutputTopic("rng.requests.dlq.v1", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    serializer = serdes.valueSerializer();
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  private RandomReply answer(final RandomRequest request) {
    requests.pipeInput(new TestRecord<>(request.getClientId().getBytes(StandardCharsets.UTF_8),
        serializer.serialize("rng.requests.v1", request), new RecordHeaders(), clock.instant()));
    final List<TestRecord<String, Object>> answered = replies.readRecordsToList();
    assertThat(answered).as("exactly one reply to %s", request.getRequestId()).hasSize(1);
    return (RandomReply) answered.get(0).value();
  }

  @Test
  void limitsABurstOfOneClientWithoutStarvingAnother() {
    for (int i = 0; i < 3; i++) {
      assertThat(answer(TestRequests.dice("a-" + i).build()).getStatus()).as("burst request %d", i).isEqualTo(ReplyStatus.OK);
    }
    final RandomReply limited = answer(TestRequests.dice("a-3").build());
    assertThat(limited.getStatus()).isEqualTo(ReplyStatus.REJECTED);
    assertThat(limited.getError().getCode()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(limited.getRetryAfterMs()).as("one request per second").isEqualTo(1000L);
    assertThat(limited.getError().getMessage()).contains("client-a").contains("1000 ms");
    assertThat(limited.getSignature()).as("signed like every reply").isNotNull();

    assertThat(answer(TestRequests.dice("b-0").setClientId("client-b").build()).getStatus())
        .as("another client has a bucket of its own").isEqualTo(ReplyStatus.OK);

    final List<AuditRecord> audited = audit.readValuesToList().stream().map(AuditRecord.class::cast).toList();
    assertThat(audited).as("one audit record per request, the limited one too").hasSize(5);
    assertThat(audited.get(3).getRequestId()).isEqualTo("a-3");
    assertThat(audited.get(3).getStatus()).isEqualTo(ReplyStatus.REJECTED);
    assertThat(audited.get(3).getError().getCode()).isEqualTo(ErrorCode.RATE_LIMITED);

    clock.advance(Duration.ofMillis(999));
    assertThat(answer(TestRequests.dice("a-3").build()).getError().getCode()).isEqualTo(ErrorCode.RATE_LIMITED);
    clock.advance(Duration.ofMillis(1));
    final RandomReply retried = answer(TestRequests.dice("a-3").build());
    assertThat(retried.getStatus()).as("the same requestId after retryAfterMs is answered, not remembered as rejected")
        .isEqualTo(ReplyStatus.OK);
    assertThat(retried.getDuplicate()).isFalse();
    assertThat(retried.getRetryAfterMs()).isNull();
  }

  @Test
  void badRoutingHeadersDoNotEscapeTheBucket() {
    for (int i = 0; i < 3; i++) {
      final RecordHeaders headers = new RecordHeaders();
      headers.add(Headers.REPLY_TOPIC, "rng.audit.v1".getBytes(StandardCharsets.UTF_8));
      final RandomRequest request = TestRequests.dice("bad-route-" + i).build();
      requests.pipeInput(new TestRecord<>(request.getClientId().getBytes(StandardCharsets.UTF_8),
          serializer.serialize("rng.requests.v1", request), headers, clock.instant()));
    }
    assertThat(replies.readValuesToList()).extracting(reply -> ((RandomReply) reply).getError().getCode())
        .containsOnly(ErrorCode.REPLY_TOPIC_NOT_ALLOWED).hasSize(3);
    assertThat(answer(TestRequests.dice("after-bad-routes").build()).getError().getCode()).isEqualTo(ErrorCode.RATE_LIMITED);
  }

  @Test
  void limitsNumbersAndChargesNothingForARequestThatDrawsNothing() {
    assertThat(answer(TestRequests.dice("n-0").setMax(1_000_000).setCount(10_000).build()).getStatus()).isEqualTo(ReplyStatus.OK);
    assertThat(answer(TestRequests.dice("n-1").setCount(20_000).build()).getError().getCode())
        .as("an invalid count is rejected for what it is, not for the numbers it cannot get").isEqualTo(ErrorCode.COUNT_TOO_LARGE);
    final RandomReply limited = answer(TestRequests.dice("n-2").setCount(500).build());
    assertThat(limited.getError().getCode()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(limited.getRetryAfterMs()).as("500 numbers at 1000 per second").isEqualTo(500L);
  }

  @Test
  void keepsTheBucketsInAChangeloggedStore() {
    answer(TestRequests.dice("s-0").build());
    final KeyValueStore<String, byte[]> store = driver.getKeyValueStore(RateLimitStore.NAME);
    final BucketState state = BucketState.decode(store.get("client-a"));
    assertThat(state.requestTokens()).isEqualTo(2.0);
    assertThat(state.numberTokens()).isEqualTo(9997.0);
    assertThat(driver.producedTopicNames()).contains("limits-topology-test-rate-limits-changelog");

    clock.advance(Duration.ofMinutes(2));
    driver.advanceWallClockTime(Duration.ofMinutes(2));
    assertThat(store.get("client-a")).as("a refilled bucket is evicted: absent means full").isNull();
  }

  @Test
  void answersARequestWhoseHeadersHaveNullValues() {
    final RecordHeaders headers = new RecordHeaders();
    for (final String key : List.of("traceparent", "tracestate", Headers.CORRELATION_ID, Headers.REPLY_TOPIC, Headers.REPLY_PARTITION)) {
      headers.add(key, null);
    }
    final RandomRequest request = TestRequests.dice("null-headers").build();
    requests.pipeInput(new TestRecord<>(request.getClientId().getBytes(StandardCharsets.UTF_8),
        serializer.serialize("rng.requests.v1", request), headers, clock.instant()));
    final List<TestRecord<String, Object>> answered = replies.readRecordsToList();
    assertThat(answered).hasSize(1);
    assertThat(((RandomReply) answered.get(0).value()).getStatus()).isEqualTo(ReplyStatus.OK);
  }

  @Test
  void deadLettersAnOversizedRecordWithoutItsHeaders() {
    final byte[] value = new byte[10_000];
    Arrays.fill(value, (byte) 7);
    final RecordHeaders headers = new RecordHeaders();
    headers.add(Headers.CORRELATION_ID, new byte[] {1, 2});
    requests.pipeInput(new TestRecord<>("client-a".getBytes(StandardCharsets.UTF_8), value, headers, clock.instant()));
    final RecordHeaders hugeHeader = new RecordHeaders();
    hugeHeader.add(Headers.CORRELATION_ID, new byte[5000]);
    requests.pipeInput(new TestRecord<>(null,
        serializer.serialize("rng.requests.v1", TestRequests.dice("h-0").build()), hugeHeader, clock.instant()));

    final List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
    assertThat(dead).hasSize(2);
    assertThat(new String(dead.get(0).headers().lastHeader(Headers.DLQ_REASON).value(), StandardCharsets.UTF_8))
        .isEqualTo(DeadLetterReason.REQUEST_TOO_LARGE.name());
    assertThat(new String(dead.get(0).headers().lastHeader(Headers.DLQ_MESSAGE).value(), StandardCharsets.UTF_8))
        .contains("value 10000").contains("at most 4096");
    assertThat(dead.get(0).value()).as("truncated to the limit").hasSize(4096);
    assertThat(dead.get(0).headers().lastHeader(Headers.CORRELATION_ID)).as("original headers are not copied").isNull();
    assertThat(new String(dead.get(1).headers().lastHeader(Headers.DLQ_MESSAGE).value(), StandardCharsets.UTF_8))
        .contains("largest header " + Headers.CORRELATION_ID);
    assertThat(replies.readRecordsToList()).isEmpty();
    assertThat(audit.readRecordsToList()).isEmpty();
  }
}
