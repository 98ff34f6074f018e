package io.rngstream.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rngstream.avro.AuditKind;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.RandomRequest;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.core.protocol.DeadLetterReason;
import io.rngstream.core.protocol.Headers;
import io.rngstream.core.protocol.ReplyPartitions;
import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.StackEndpoints;
import io.rngstream.processor.topology.ContractSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Abusive request-reply headers on the real broker: each ends as one clear rejection (a REJECTED reply on the default
 * reply topic with a specific code, or a REQUEST_TOO_LARGE dead letter), and the processor keeps running and ready.
 */
@ExtendWith(DevStackExtension.class)
class HostileHeadersIT {
  private static final IsolatedTopics TOPICS = IsolatedTopics.named("hostile-headers");
  private static final int ONE_MEGABYTE = 1_000_000;

  private static StackEndpoints stack;
  private static ContractSerdes serdes;
  private static ProcessorApp processor;
  private static KafkaProducer<String, Object> producer;

  @BeforeAll
  static void start(final StackEndpoints endpoints) {
    stack = endpoints;
    serdes = new ContractSerdes(stack.registryUrl(), Map.of());
    processor = ProcessorApp.start(TOPICS.config(stack.bootstrapServers(), stack.registryUrl(), "hostile-headers-it",
        TestKeys.freshStateDir("hostile-headers-it"), Map.of()));
    await("processor running").atMost(Duration.ofSeconds(90)).until(() -> processor.state() == KafkaStreams.State.RUNNING);
    producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        // Room for the 1 MB header: the broker accepts it; the processor must refuse it.
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * ONE_MEGABYTE), new StringSerializer(), serdes.valueSerializer());
  }

  @AfterAll
  static void stop() {
    if (producer != null) {
      producer.close();
    }
    if (processor != null) {
      processor.close();
    }
  }

  private static void send(final String requestId, final Consumer<RecordHeaders> headers) {
    final RandomRequest request = TestRequests.dice(requestId).setClientId("hostile-" + requestId).build();
    final RecordHeaders recordHeaders = new RecordHeaders();
    headers.accept(recordHeaders);
    producer.send(new ProducerRecord<>(TOPICS.requests(), null, request.getClientId(), request, recordHeaders));
  }

  private static byte[] utf8(final String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void everyAbusiveHeaderEndsAsOneClearRejection() {
    final Map<String, ErrorCode> expected = new LinkedHashMap<>();
    expected.put("long-correlation-id", ErrorCode.INVALID_HEADER);
    expected.put("partition-out-of-range", ErrorCode.INVALID_REPLY_PARTITION);
    expected.put("partition-negative", ErrorCode.INVALID_REPLY_PARTITION);
    expected.put("partition-two-bytes", ErrorCode.INVALID_REPLY_PARTITION);
    expected.put("partition-eight-bytes", ErrorCode.INVALID_REPLY_PARTITION);
    expected.put("topic-not-utf8", ErrorCode.REPLY_TOPIC_NOT_ALLOWED);
    expected.put("topic-audit", ErrorCode.REPLY_TOPIC_NOT_ALLOWED);
    expected.put("topic-offsets", ErrorCode.REPLY_TOPIC_NOT_ALLOWED);
    expected.put("topic-changelog", ErrorCode.REPLY_TOPIC_NOT_ALLOWED);
    expected.put("duplicate-reply-topic", ErrorCode.INVALID_HEADER);
    expected.put("duplicate-correlation-id", ErrorCode.INVALID_HEADER);

    try (TopicReader<String, Object> replies = new TopicReader<>(stack.bootstrapServers(), TOPICS.replies(),
            Serdes.String().deserializer(), serdes.valueDeserializer());
        TopicReader<String, Object> audit = new TopicReader<>(stack.bootstrapServers(), TOPICS.audit(),
            Serdes.String().deserializer(), serdes.valueDeserializer());
        TopicReader<byte[], byte[]> deadLetters = new TopicReader<>(stack.bootstrapServers(), TOPICS.deadLetters(),
            new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      send("huge-correlation-id", headers -> headers.add(Headers.CORRELATION_ID, new byte[ONE_MEGABYTE]));
      send("long-correlation-id", headers -> headers.add(Headers.CORRELATION_ID, new byte[1000]));
      send("partition-out-of-range", headers -> {
        headers.add(Headers.REPLY_TOPIC, utf8(TOPICS.replies()));
        headers.add(Headers.REPLY_PARTITION, ReplyPartitions.encode(99));
      });
      send("partition-negative", headers -> headers.add(Headers.REPLY_PARTITION, ReplyPartitions.encode(-1)));
      send("partition-two-bytes", headers -> headers.add(Headers.REPLY_PARTITION, new byte[] {0, 1}));
      send("partition-eight-bytes", headers -> headers.add(Headers.REPLY_PARTITION, new byte[8]));
      send("topic-not-utf8", headers -> headers.add(Headers.REPLY_TOPIC, new byte[] {'r', (byte) 0xc3, (byte) 0x28}));
      send("topic-audit", headers -> headers.add(Headers.REPLY_TOPIC, utf8(TOPICS.audit())));
      send("topic-offsets", headers -> headers.add(Headers.REPLY_TOPIC, utf8("__consumer_offsets")));
      send("topic-changelog", headers -> headers.add(Headers.REPLY_TOPIC, utf8("hostile-headers-it-rate-limits-changelog")));
      send("duplicate-reply-topic", headers -> {
        headers.add(Headers.REPLY_TOPIC, utf8(TOPICS.replies()));
        headers.add(Headers.REPLY_TOPIC, utf8(TOPICS.audit()));
      });
      send("duplicate-correlation-id", headers -> {
        headers.add(Headers.CORRELATION_ID, utf8("one"));
        headers.add(Headers.CORRELATION_ID, utf8("two"));
      });
      producer.flush();

      await().atMost(Duration.ofSeconds(90)).until(() -> replies.poll().size() >= expected.size());
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> replies.poll().size() == expected.size());
      final Map<String, RandomReply> byRequestId = replies.poll().stream().map(ConsumerRecord::value)
          .map(RandomReply.class::cast).collect(Collectors.toMap(RandomReply::getRequestId, reply -> reply));
      assertThat(byRequestId.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
      expected.forEach((requestId, code) -> {
        final RandomReply reply = byRequestId.get(requestId);
        assertThat(reply.getStatus()).as(requestId).isEqualTo(ReplyStatus.REJECTED);
        assertThat(reply.getError().getCode()).as(requestId).isEqualTo(code);
        assertThat(reply.getError().getMessage()).as(requestId).isNotBlank().hasSizeLessThan(1000);
      });
      assertThat(replies.poll()).filteredOn(record -> record.key().equals("long-correlation-id"))
          .allSatisfy(record -> assertThat(record.headers().lastHeader(Headers.CORRELATION_ID))
              .as("an oversized correlation id is not echoed").isNull());

      await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters.poll().size() >= 1);
      final List<ConsumerRecord<byte[], byte[]>> dead = deadLetters.poll();
      assertThat(dead).hasSize(1);
      assertThat(new String(dead.get(0).headers().lastHeader(Headers.DLQ_REASON).value(), StandardCharsets.UTF_8))
          .isEqualTo(DeadLetterReason.REQUEST_TOO_LARGE.name());
      assertThat(new String(dead.get(0).headers().lastHeader(Headers.DLQ_MESSAGE).value(), StandardCharsets.UTF_8))
          .contains("largest header " + Headers.CORRELATION_ID);
      assertThat(dead.get(0).headers().lastHeader(Headers.CORRELATION_ID)).as("the megabyte is not copied").isNull();

      await().atMost(Duration.ofSeconds(60)).until(() -> audit.poll().stream()
          .filter(record -> ((AuditRecord) record.value()).getKind() != AuditKind.CHECKPOINT).count() >= expected.size());
      assertThat(audit.poll()).filteredOn(record -> ((AuditRecord) record.value()).getKind() != AuditKind.CHECKPOINT)
          .as("one audit record per answered request").hasSize(expected.size());
    }

    final ManagementClient management = new ManagementClient(processor.managementPort());
    assertThat(processor.state()).isEqualTo(KafkaStreams.State.RUNNING);
    await("still ready").atMost(Duration.ofSeconds(30)).until(() -> management.get("/ready").status() == 200);
    assertThat(management.get("/health").status()).isEqualTo(200);
  }
}
