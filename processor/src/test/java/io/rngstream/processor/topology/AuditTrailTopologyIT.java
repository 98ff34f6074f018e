package io.rngstream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.metrics.api.MeterRegistry;
import io.rngstream.avro.AuditKind;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.RandomRequest;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.core.audit.AuditVerifier;
import io.rngstream.core.audit.PartitionVerifier;
import io.rngstream.core.audit.ReplyVerifier;
import io.rngstream.core.generation.DrawAlgorithms;
import io.rngstream.core.generation.SeedGenerator;
import io.rngstream.core.signing.Ed25519Keys;
import io.rngstream.core.signing.KeyRing;
import io.rngstream.core.signing.SigningKey;
import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.StackEndpoints;
import io.rngstream.processor.TestRequests;
import io.rngstream.processor.audit.AuditRecords;
import io.rngstream.processor.config.ConfigSource;
import io.rngstream.processor.config.ProcessorConfig;
import io.rngstream.processor.generation.NumberDrawer;
import io.rngstream.processor.observe.InMemoryTracing;
import io.rngstream.processor.observe.ProcessorMetrics;
import io.rngstream.processor.observe.RequestObserver;
import io.rngstream.processor.observe.Telemetry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Signatures, hash chains, checkpoints and idempotency on TopologyTestDriver with the real registry. */
@ExtendWith(DevStackExtension.class)
class AuditTrailTopologyIT {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:01Z");
  private static final SigningKey KEY = Ed25519Keys.generate();
  private static final KeyRing KEYS = KeyRing.of(KEY.publicKey());

  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> requests;
  private Serializer<Object> serializer;
  private Deserializer<Object> deserializer;

  @BeforeEach
  void startDriver(final StackEndpoints stack) throws Exception {
    final ProcessorConfig config = ProcessorConfig.from(ConfigSource.load(Map.of(), Map.of(
        "kafka.bootstrap.servers", "unused:9092", "registry.url", stack.registryUrl(), "instance.id", "test-instance",
        "audit.checkpoint-every-records", "3", "audit.checkpoint-interval-ms", "5000")));
    final ContractSerdes serdes = new ContractSerdes(stack.registryUrl(), Map.of());
    final RequestTopology.Parts parts = new RequestTopology.Parts(serdes,
        topic -> OptionalInt.of(3),
        new NumberDrawer(DrawAlgorithms.current(), new SeedGenerator()),
        KEY,
        new AuditRecords("test-instance", "test-version"),
        new RequestObserver(new ProcessorMetrics(MeterRegistry.create()), Telemetry.using(new InMemoryTracing().openTelemetry()),
            "audit-test", Clock.fixed(NOW, ZoneOffset.UTC)),
        Clock.fixed(NOW, ZoneOffset.UTC));
    final Path state = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "ttd-audit");
    final Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "audit-topology-test");
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    properties.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    driver = new TopologyTestDriver(RequestTopology.build(config, parts), properties, NOW);
    requests = driver.createInputTopic("rng.requests.v1", Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    serializer = serdes.valueSerializer();
    deserializer = serdes.valueDeserializer();
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  private void send(final RandomRequest request) {
    requests.pipeInput(new TestRecord<>(request.getClientId().getBytes(StandardCharsets.UTF_8),
        serializer.serialize("rng.requests.v1", request), new RecordHeaders(), NOW));
  }

  private List<RandomReply> replies() {
    return driver.createOutputTopic("rng.replies.v1", Serdes.String().deserializer(), deserializer)
        .readValuesToList().stream().map(RandomReply.class::cast).toList();
  }

  private List<AuditRecord> audit() {
    return driver.createOutputTopic("rng.audit.v1", Serdes.String().deserializer(), deserializer)
        .readValuesToList().stream().map(AuditRecord.class::cast).toList();
  }

  @Test
  void everyReplyIsSignedAndVerifies() {
    send(TestRequests.dice("s-1").build());
    send(TestRequests.dice("s-2").setMin(9).setMax(1).build());
    final List<RandomReply> replies = replies();
    assertThat(replies).hasSize(2);
    for (final RandomReply reply : replies) {
      assertThat(reply.getKeyId()).isEqualTo(KEY.keyId());
      assertThat(ReplyVerifier.verify(reply, KEYS)).as("signature of %s", reply.getRequestId()).isEmpty();
    }
    final RandomReply forged = RandomReply.newBuilder(replies.get(0)).setNumbers(List.of(6L, 6L, 6L)).build();
    assertThat(ReplyVerifier.verify(forged, KEYS)).as("a changed number breaks the signature").isPresent();
  }

  @Test
  void auditRecordsFormAHashChainWithSignedCheckpointsThatVerify() {
    for (int i = 0; i < 7; i++) {
      send(TestRequests.dice("c-" + i).build());
    }
    final List<AuditRecord> trail = audit();
    // 7 draws, a checkpoint after every 3 records: d d d C d d d C d
    assertThat(trail).extracting(AuditRecord::getKind).containsExactly(
        AuditKind.DRAW, AuditKind.DRAW, AuditKind.DRAW, AuditKind.CHECKPOINT,
        AuditKind.DRAW, AuditKind.DRAW, AuditKind.DRAW, AuditKind.CHECKPOINT, AuditKind.DRAW);
    assertThat(trail).extracting(AuditRecord::getSequence).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    final PartitionVerifier verifier = new AuditVerifier(KEYS).forPartition(0);
    for (int offset = 0; offset < trail.size(); offset++) {
      assertThat(verifier.accept(offset, trail.get(offset))).as("findings at %s", offset).isEmpty();
    }
    assertThat(verifier.summary().uncoveredRecords()).isEqualTo(1);
  }

  @Test
  void aCheckpointFollowsAfterTheIntervalWhenRecordsAreUncovered() {
    send(TestRequests.dice("t-1").build());
    assertThat(audit()).extracting(AuditRecord::getKind).containsExactly(AuditKind.DRAW);
    driver.advanceWallClockTime(Duration.ofSeconds(6));
    final List<AuditRecord> after = audit();
    assertThat(after).extracting(AuditRecord::getKind).containsExactly(AuditKind.CHECKPOINT);
    assertThat(after.get(0).getCheckpoint().getSequence()).isZero();
    driver.advanceWallClockTime(Duration.ofSeconds(6));
    assertThat(audit()).as("no checkpoint when nothing new is to cover").isEmpty();
  }

  @Test
  void aRepeatedRequestGetsTheOriginalReplyAndADuplicateAuditRecord() {
    send(TestRequests.dice("d-1").setCount(5).setMax(1000).build());
    send(TestRequests.dice("d-1").setCount(5).setMax(1000).build());
    final List<RandomReply> replies = replies();
    assertThat(replies).hasSize(2);
    final RandomReply original = replies.get(0);
    final RandomReply again = replies.get(1);
    assertThat(original.getDuplicate()).isFalse();
    assertThat(again.getDuplicate()).isTrue();
    assertThat(again.getNumbers()).isEqualTo(original.getNumbers());
    assertThat(again.getSeed()).as("no second draw: the same seed").isEqualTo(original.getSeed());
    assertThat(again.getSignature()).isEqualTo(original.getSignature());
    assertThat(again.getSerial()).isEqualTo(original.getSerial());
    assertThat(ReplyVerifier.verify(again, KEYS)).isEmpty();
    final List<AuditRecord> trail = audit();
    assertThat(trail).extracting(AuditRecord::getKind).containsExactly(AuditKind.DRAW, AuditKind.DUPLICATE);
    assertThat(trail.get(1).getDuplicateOf()).isEqualTo(original.getSerial());
    assertThat(trail.get(1).getSourceOffset()).isEqualTo(1);
  }

  @Test
  void aReusedRequestIdWithOtherParametersIsRejectedAndTheOriginalStays() {
    send(TestRequests.dice("r-1").build());
    send(TestRequests.dice("r-1").setMax(7).build());
    send(TestRequests.dice("r-1").build());
    final List<RandomReply> replies = replies();
    assertThat(replies.get(1).getStatus()).isEqualTo(ReplyStatus.REJECTED);
    assertThat(replies.get(1).getError().getCode()).isEqualTo(ErrorCode.REQUEST_ID_REUSED);
    assertThat(replies.get(2).getDuplicate()).isTrue();
    assertThat(replies.get(2).getNumbers()).isEqualTo(replies.get(0).getNumbers());
  }

  @Test
  void theSameRequestIdFromAnotherClientIsAnotherRequest() {
    send(TestRequests.dice("x-1").build());
    send(TestRequests.dice("x-1").setClientId("client-b").build());
    assertThat(replies()).extracting(RandomReply::getDuplicate).containsExactly(false, false);
  }

  static List<AuditRecord> ofKind(final List<AuditRecord> records, final AuditKind kind) {
    final List<AuditRecord> result = new ArrayList<>();
    records.stream().filter(record -> record.getKind() == kind).forEach(result::add);
    return result;
  }
}
