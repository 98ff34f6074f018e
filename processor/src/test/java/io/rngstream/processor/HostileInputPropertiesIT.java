package io.rngstream.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rngstream.avro.AuditKind;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.RandomRequest;
import io.rngstream.core.protocol.Headers;
import io.rngstream.core.protocol.ReplyPartitions;
import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.StackEndpoints;
import io.rngstream.processor.topology.ContractSerdes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Hostile bytes at the requests topic of one running processor on the real broker and registry: random bytes,
 * truncated and corrupted Avro, Avro of a foreign (registered) schema, counts near and above the limit, null keys and
 * values, oversized records and odd headers. Every record ends as exactly one reply or one dead letter (count in =
 * count out), every reply has its audit record, and the processor stays healthy and ready throughout.
 * A jqwik property (not a Jupiter test), so it gets the devstack's endpoints from the environment or starts its own.
 */
class HostileInputPropertiesIT {
  private static final IsolatedTopics TOPICS = IsolatedTopics.named("hostile-input");
  private static final int MAX_REQUEST_BYTES = 65_536;

  private static ProcessorApp processor;
  private static ManagementClient management;
  private static KafkaProducer<byte[], byte[]> producer;
  private static TopicReader<byte[], byte[]> replies;
  private static TopicReader<byte[], byte[]> audit;
  private static TopicReader<byte[], byte[]> deadLetters;
  private static byte[] validRequest;
  private static byte[] foreignRecord;
  private static ContractSerdes serdes;
  private static final AtomicLong SENT = new AtomicLong();
  private static org.apache.kafka.common.serialization.Deserializer<Object> auditDecoder;
  private static int auditDecoded;
  private static long auditAnswers;

  @BeforeContainer
  static void start() {
    final StackEndpoints stack = endpoints();
    serdes = new ContractSerdes(stack.registryUrl(), Map.of());
    processor = ProcessorApp.start(TOPICS.config(stack.bootstrapServers(), stack.registryUrl(), "hostile-input-it",
        TestKeys.freshStateDir("hostile-input-it"), Map.of("limits.max-request-bytes", Integer.toString(MAX_REQUEST_BYTES))));
    await("processor running").atMost(Duration.ofSeconds(90)).until(() -> processor.state() == KafkaStreams.State.RUNNING);
    management = new ManagementClient(processor.managementPort());
    producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * MAX_REQUEST_BYTES,
        ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer());
    replies = reader(stack, TOPICS.replies());
    audit = reader(stack, TOPICS.audit());
    deadLetters = reader(stack, TOPICS.deadLetters());

    auditDecoder = serdes.valueDeserializer();
    validRequest = serdes.valueSerializer().serialize(TOPICS.requests(), TestRequests.dice("template").build());
    // Registered in the registry by the serializer, like any other producer's schema.
    final Schema foreign = SchemaBuilder.record("Intruder").namespace("io.rngstream.hostile").fields()
        .requiredString("requestId").requiredLong("count").name("payload").type().array().items().longType().noDefault()
        .endRecord();
    final GenericRecord intruder = new GenericData.Record(foreign);
    intruder.put("requestId", "intruder");
    intruder.put("count", 3L);
    intruder.put("payload", List.of(1L, 2L, 3L));
    final Serializer<GenericRecord> generic = serdes.valueSerializer();
    foreignRecord = generic.serialize(TOPICS.requests(), intruder);
  }

  private static StackEndpoints endpoints() {
    // jqwik cannot use the Jupiter extension; it asks for the same once-per-JVM stack directly.
    return DevStackExtension.sharedEndpoints();
  }

  private static TopicReader<byte[], byte[]> reader(final StackEndpoints stack, final String topic) {
    return new TopicReader<>(stack.bootstrapServers(), topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @AfterContainer
  static void stop() {
    try {
      // Count in = count out, now with a quiet period: nothing late, nothing twice.
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).until(() -> answered() == SENT.get());
      assertThat(nonCheckpointAudit()).as("one audit record per reply, in the end").isEqualTo(replies.poll(SHORT_POLL).size());
    } finally {
      for (final AutoCloseable closeable : Arrays.asList(replies, audit, deadLetters, producer, processor)) {
        if (closeable != null) {
          try {
            closeable.close();
          } catch (Exception e) {
            // Closing is best effort; the assertions above already ran.
          }
        }
      }
    }
  }

  private static final Duration SHORT_POLL = Duration.ofMillis(50);

  private static long answered() {
    return replies.poll(SHORT_POLL).size() + deadLetters.poll(SHORT_POLL).size();
  }

  /** One hostile record: what the producer sends. */
  record Hostile(String kind, byte[] key, byte[] value, List<RecordHeader> headers) {
    @Override
    public String toString() {
      return kind + "(key " + (key == null ? "null" : key.length + "B") + ", value " + (value == null ? "null" : value.length + "B")
          + ", " + headers.size() + " headers)";
    }
  }

  @Property(tries = 20, shrinking = ShrinkingMode.OFF)
  void everyRecordEndsAsExactlyOneReplyOrDeadLetter(@ForAll("batches") final List<Hostile> batch) {
    for (final Hostile hostile : batch) {
      producer.send(new ProducerRecord<>(TOPICS.requests(), null, hostile.key(), hostile.value(),
          new RecordHeaders(hostile.headers().toArray(RecordHeader[]::new))));
    }
    producer.flush();
    final long expected = SENT.addAndGet(batch.size());

    await("answers to " + batch).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .until(() -> answered() >= expected);
    assertThat(answered()).as("count out = count in after %s", batch).isEqualTo(expected);
    assertThat(nonCheckpointAudit()).as("one audit record per reply").isEqualTo(replies.poll(SHORT_POLL).size());
    assertThat(processor.state()).isEqualTo(KafkaStreams.State.RUNNING);
    assertThat(management.get("/health").status()).isEqualTo(200);
    assertThat(management.get("/ready").status()).isEqualTo(200);
  }

  private static long nonCheckpointAudit() {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> countNonCheckpoint() >= replies.poll(SHORT_POLL).size());
    return countNonCheckpoint();
  }

  private static long countNonCheckpoint() {
    // One deserializer (and so one schema cache) for the run, and each audit record decoded once.
    final List<ConsumerRecord<byte[], byte[]>> all = audit.poll(SHORT_POLL);
    for (int i = auditDecoded; i < all.size(); i++) {
      final ConsumerRecord<byte[], byte[]> record = all.get(i);
      if (((AuditRecord) auditDecoder.deserialize(TOPICS.audit(), record.headers(), record.value())).getKind() != AuditKind.CHECKPOINT) {
        auditAnswers++;
      }
    }
    auditDecoded = all.size();
    return auditAnswers;
  }

  @Provide
  Arbitrary<List<Hostile>> batches() {
    return hostile().list().ofMinSize(2).ofMaxSize(14);
  }

  private Arbitrary<Hostile> hostile() {
    final Arbitrary<byte[]> keys = Arbitraries.oneOf(Arbitraries.just(null),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
        Arbitraries.strings().ofMinLength(1).ofMaxLength(20).map(text -> text.getBytes(StandardCharsets.UTF_8)));
    final Arbitrary<byte[]> values = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, Arbitraries.just(null)),
        net.jqwik.api.Tuple.of(3, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)),
        net.jqwik.api.Tuple.of(3, magicThenRandom()),
        net.jqwik.api.Tuple.of(3, truncated()),
        net.jqwik.api.Tuple.of(3, corrupted()),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(foreignRecord)),
        net.jqwik.api.Tuple.of(2, hugeDeclaredLength()),
        net.jqwik.api.Tuple.of(4, requests()),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(MAX_REQUEST_BYTES - 100, MAX_REQUEST_BYTES + 2000)
            .map(HostileInputPropertiesIT::paddedRequest)));
    return Combinators.combine(keys, values, headers()).as((key, value, headers) ->
        new Hostile(kindOf(value), key, value, headers));
  }

  private static String kindOf(final byte[] value) {
    if (value == null) {
      return "null-value";
    }
    return value.length > 4 && value[0] == 0 ? "framed" : "raw";
  }

  /** Magic byte 0 and a random (mostly unknown) content id, then noise. */
  private Arbitrary<byte[]> magicThenRandom() {
    return Combinators.combine(Arbitraries.integers().between(0, 1_000_000), Arbitraries.bytes().array(byte[].class).ofMaxSize(100))
        .as((id, rest) -> ByteBuffer.allocate(5 + rest.length).put((byte) 0).putInt(id).put(rest).array());
  }

  private Arbitrary<byte[]> truncated() {
    return Arbitraries.integers().between(5, validRequest.length - 1).map(length -> Arrays.copyOf(validRequest, length));
  }

  private Arbitrary<byte[]> corrupted() {
    return Combinators.combine(Arbitraries.integers().between(5, validRequest.length - 1), Arbitraries.bytes())
        .as((position, noise) -> {
          final byte[] copy = validRequest.clone();
          copy[position] = noise;
          return copy;
        });
  }

  /** A RandomRequest's framing, then a string length (zig-zag varint) of about a billion: must not be allocated. */
  private Arbitrary<byte[]> hugeDeclaredLength() {
    return Arbitraries.longs().between(1L << 28, 1L << 40).map(length -> {
      final ByteBuffer buffer = ByteBuffer.allocate(32).put(Arrays.copyOf(validRequest, 5));
      long zigzag = length << 1;
      while ((zigzag & ~0x7FL) != 0) {
        buffer.put((byte) ((zigzag & 0x7F) | 0x80));
        zigzag >>>= 7;
      }
      buffer.put((byte) zigzag);
      return Arrays.copyOf(buffer.array(), buffer.position());
    });
  }

  /** Well-formed requests with counts around the limit, odd bounds and long userData. */
  private Arbitrary<byte[]> requests() {
    return Combinators.combine(
        Arbitraries.of(-1, 0, 1, 3, 9_999, 10_000, 10_001, Integer.MAX_VALUE, Integer.MIN_VALUE),
        Arbitraries.of(Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE),
        Arbitraries.of(Long.MIN_VALUE, 0L, 6L, 1_000_000L, Long.MAX_VALUE),
        Arbitraries.of(true, false),
        Arbitraries.strings().ofMaxLength(1100).injectNull(0.3),
        Arbitraries.strings().ofMinLength(0).ofMaxLength(150))
        .as((count, min, max, unique, userData, clientId) -> {
          final RandomRequest request = TestRequests.dice("prop-" + SENT.get() + "-" + System.nanoTime())
              .setClientId(clientId).setCount(count).setMin(min).setMax(max).setUnique(unique).setUserData(userData).build();
          return serdes.valueSerializer().serialize(TOPICS.requests(), request);
        });
  }

  /** A valid request whose userData makes the record about {@code size} bytes: below, at and above the limit. */
  private static byte[] paddedRequest(final int size) {
    final RandomRequest request = TestRequests.dice("padded-" + System.nanoTime()).setUserData("x".repeat(size - 60)).build();
    return serdes.valueSerializer().serialize(TOPICS.requests(), request);
  }

  private Arbitrary<List<RecordHeader>> headers() {
    final Arbitrary<String> names = Arbitraries.oneOf(
        Arbitraries.of(Headers.CORRELATION_ID, Headers.REPLY_TOPIC, Headers.REPLY_PARTITION, "traceparent", ""),
        Arbitraries.strings().ofMaxLength(30));
    final Arbitrary<byte[]> headerValues = Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
        Arbitraries.of(TOPICS.replies(), TOPICS.audit(), TOPICS.requests(), "__consumer_offsets", "rng.replies.none", "..", "")
            .map(text -> text.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.integers().between(-5, 5).map(ReplyPartitions::encode));
    return Combinators.combine(names, headerValues).as(RecordHeader::new).list().ofMaxSize(4).map(ArrayList::new);
  }
}
