package io.rngstream.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.RandomRequest;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.core.protocol.DeadLetterReason;
import io.rngstream.core.protocol.Headers;
import io.rngstream.core.protocol.Topics;
import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.StackEndpoints;
import io.rngstream.processor.config.ConfigSource;
import io.rngstream.processor.config.ProcessorConfig;
import io.rngstream.processor.topology.ContractSerdes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The processor against the real broker and registry: exactly one reply and one audit record per request. */
@ExtendWith(DevStackExtension.class)
class ProcessorIT {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static ProcessorApp processor;
  private static String bootstrapServers;
  private static ContractSerdes serdes;
  private static KafkaProducer<String, Object> producer;

  @BeforeAll
  static void startProcessor(final StackEndpoints stack) {
    bootstrapServers = stack.bootstrapServers();
    serdes = new ContractSerdes(stack.registryUrl(), Map.of());
    processor = ProcessorApp.start(ProcessorConfig.from(ConfigSource.load(Map.of(), Map.of(
        "kafka.bootstrap.servers", stack.bootstrapServers(),
        "registry.url", stack.registryUrl(),
        "application.id", "processor-it",
        "instance.id", "processor-it-1",
        "state.dir", TestKeys.freshStateDir("processor-it").toString(),
        "management.host", "127.0.0.1",
        "management.port", "0"))));
    await("processor running").atMost(Duration.ofSeconds(60)).until(() -> processor.state() == KafkaStreams.State.RUNNING);
    producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), serdes.valueSerializer());
  }

  @AfterAll
  static void stopProcessor() {
    if (producer != null) {
      producer.close();
    }
    if (processor != null) {
      processor.close();
    }
  }

  private static TopicReader<String, Object> reader(final String topic) {
    return new TopicReader<>(bootstrapServers, topic, Serdes.String().deserializer(), serdes.valueDeserializer());
  }

  private static byte[] correlationId() {
    final byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    return id;
  }

  private static Future<RecordMetadata> send(final RandomRequest request, final byte[] correlationId) {
    final ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.REQUESTS, request.getClientId(), request);
    record.headers().add(Headers.CORRELATION_ID, correlationId);
    return producer.send(record);
  }

  /** Polls until {@code expected} records arrived, then for two more seconds to prove no extra one follows. */
  private static List<ConsumerRecord<String, Object>> exactly(final int expected, final TopicReader<String, Object> reader) {
    return exactly(expected, reader, record -> true);
  }

  private static List<ConsumerRecord<String, Object>> exactly(final int expected, final TopicReader<String, Object> reader,
      final java.util.function.Predicate<ConsumerRecord<String, Object>> counted) {
    await().atMost(Duration.ofSeconds(90)).until(() -> reader.poll().stream().filter(counted).count() >= expected);
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
        .until(() -> reader.poll().stream().filter(counted).count() == expected);
    return reader.poll().stream().filter(counted).toList();
  }

  private static boolean notACheckpoint(final ConsumerRecord<String, Object> record) {
    return ((AuditRecord) record.value()).getKind() != io.rngstream.avro.AuditKind.CHECKPOINT;
  }

  @Test
  void answersAThousandMixedRequestsFromSeveralClientsExactlyOnce() throws Exception {
    try (TopicReader<String, Object> replies = reader(Topics.REPLIES); TopicReader<String, Object> audit = reader(Topics.AUDIT)) {
      final Map<String, RandomRequest> requestByCorrelation = new HashMap<>();
      final Map<String, Future<RecordMetadata>> sentByRequestId = new HashMap<>();
      for (int i = 0; i < 1000; i++) {
        final boolean invalid = i % 10 == 3;
        final RandomRequest request = TestRequests.dice("bulk-" + i)
            .setClientId("client-" + (i % 7))
            .setMin(invalid ? 100 : -50)
            .setMax(invalid ? 1 : 50 + i)
            .setCount(1 + i % 5)
            .setUnique(i % 2 == 0)
            .build();
        final byte[] correlationId = correlationId();
        requestByCorrelation.put(HexFormat.of().formatHex(correlationId), request);
        sentByRequestId.put(request.getRequestId(), send(request, correlationId));
      }
      producer.flush();
      final Map<String, Integer> requestPartition = new HashMap<>();
      for (final var sent : sentByRequestId.entrySet()) {
        requestPartition.put(sent.getKey(), sent.getValue().get().partition());
      }
      assertThat(new HashSet<>(requestPartition.values())).as("requests spread over several partitions").hasSizeGreaterThan(1);

      final List<ConsumerRecord<String, Object>> replyRecords = exactly(1000, replies);
      final Set<String> answered = new HashSet<>();
      for (final ConsumerRecord<String, Object> record : replyRecords) {
        final RandomReply reply = (RandomReply) record.value();
        final String correlation = HexFormat.of().formatHex(record.headers().lastHeader(Headers.CORRELATION_ID).value());
        final RandomRequest request = requestByCorrelation.get(correlation);
        assertThat(request).as("reply %s matches a request by its correlation id", reply.getRequestId()).isNotNull();
        assertThat(reply.getRequestId()).isEqualTo(request.getRequestId()).isEqualTo(record.key());
        assertThat(answered.add(reply.getRequestId())).as("one reply for %s", reply.getRequestId()).isTrue();
        if (request.getMin() > request.getMax()) {
          assertThat(reply.getStatus()).isEqualTo(ReplyStatus.REJECTED);
          assertThat(reply.getError().getCode()).isEqualTo(ErrorCode.INVALID_BOUNDS);
        } else {
          assertThat(reply.getStatus()).isEqualTo(ReplyStatus.OK);
          assertThat(reply.getNumbers()).hasSize(request.getCount())
              .allSatisfy(number -> assertThat(number).isBetween(request.getMin(), request.getMax()));
          if (request.getUnique()) {
            assertThat(reply.getNumbers()).doesNotHaveDuplicates();
          }
        }
      }

      final List<ConsumerRecord<String, Object>> auditRecords = exactly(1000, audit, ProcessorIT::notACheckpoint);
      final Set<String> audited = new HashSet<>();
      for (final ConsumerRecord<String, Object> record : auditRecords) {
        final AuditRecord entry = (AuditRecord) record.value();
        assertThat(audited.add(entry.getRequestId())).as("one audit record for %s", entry.getRequestId()).isTrue();
        assertThat(record.key()).isEqualTo(entry.getClientId());
        assertThat(record.partition()).as("audit partition of %s", entry.getRequestId())
            .isEqualTo(entry.getSourcePartition())
            .isEqualTo(requestPartition.get(entry.getRequestId()));
      }
      assertThat(audited).isEqualTo(answered).hasSize(1000);
    }
  }

  @Test
  void seededRequestGivesTheSameNumbersTwice() throws Exception {
    try (TopicReader<String, Object> replies = reader(Topics.REPLIES)) {
      final byte[] seed = new byte[32];
      RANDOM.nextBytes(seed);
      send(TestRequests.dice("seeded-1").setCount(12).setMax(1_000_000).setSeed(ByteBuffer.wrap(seed)).build(), correlationId()).get();
      send(TestRequests.dice("seeded-2").setCount(12).setMax(1_000_000).setSeed(ByteBuffer.wrap(seed)).build(), correlationId()).get();
      final List<RandomReply> answers = exactly(2, replies).stream().map(record -> (RandomReply) record.value()).toList();
      assertThat(answers).extracting(RandomReply::getSeedSource).containsOnly("CLIENT");
      assertThat(answers.get(0).getNumbers()).hasSize(12).isEqualTo(answers.get(1).getNumbers());
    }
  }

  @Test
  void poisonPillIsDeadLetteredAndTheRequestsAfterItAreAnswered() throws Exception {
    final Deserializer<byte[]> bytes = Serdes.ByteArray().deserializer();
    try (TopicReader<String, Object> replies = reader(Topics.REPLIES);
        TopicReader<byte[], byte[]> deadLetters = new TopicReader<>(bootstrapServers, Topics.DEAD_LETTERS, bytes, bytes);
        KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            new ByteArraySerializer(), new ByteArraySerializer())) {
      final byte[] poison = "{\"min\": 1, \"max\": 6}".getBytes(StandardCharsets.UTF_8);
      final RecordMetadata poisoned = raw.send(new ProducerRecord<>(Topics.REQUESTS, "client-a".getBytes(StandardCharsets.UTF_8), poison)).get();
      final List<Future<RecordMetadata>> after = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        after.add(send(TestRequests.dice("after-poison-" + i).build(), correlationId()));
      }
      producer.flush();

      await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters.poll().size() == 1);
      final ConsumerRecord<byte[], byte[]> deadLetter = deadLetters.poll().get(0);
      assertThat(deadLetter.value()).isEqualTo(poison);
      assertThat(new String(deadLetter.headers().lastHeader(Headers.DLQ_REASON).value(), StandardCharsets.UTF_8))
          .isEqualTo(DeadLetterReason.NOT_AVRO.name());
      assertThat(new String(deadLetter.headers().lastHeader(Headers.DLQ_SOURCE_OFFSET).value(), StandardCharsets.UTF_8))
          .isEqualTo(Long.toString(poisoned.offset()));
      assertThat(exactly(5, replies)).extracting(ConsumerRecord::key)
          .containsExactlyInAnyOrder("after-poison-0", "after-poison-1", "after-poison-2", "after-poison-3", "after-poison-4");
      assertThat(processor.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
  }
}
