package io.rngstream.client.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.client.testing.ProcessorExtension;
import io.rngstream.client.testing.TestTopics;
import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.StackEndpoints;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docs/protocol.md is enough to call the service: a plain KafkaProducer and KafkaConsumer, configured as the
 * document says, with the request built from the published .avsc file (no generated classes, no SDK), get their
 * reply. Every name below is spelled out as a caller in another codebase would write it, not taken from our code.
 */
@ExtendWith(DevStackExtension.class)
@ExtendWith(ProcessorExtension.class)
class PlainKafkaProtocolIT {
  private static final Duration REPLY_WAIT = Duration.ofSeconds(30);
  private static Schema requestSchema;
  private static StackEndpoints stack;

  @BeforeAll
  static void readTheContract(final StackEndpoints endpoints) throws IOException {
    stack = endpoints;
    // The schema file exactly as published in schemas/src/main/avro (the schemas jar carries a copy).
    try (InputStream avsc = PlainKafkaProtocolIT.class.getResourceAsStream("/avro/RandomRequest.avsc")) {
      requestSchema = new Schema.Parser().parse(avsc);
    }
  }

  @Test
  void getsItsReplyOnTheSharedReplyTopic() {
    final byte[] correlationId = randomBytes(16);
    final GenericRecord request = request("plain-kafka-it", 1, 49, 6, true);

    try (KafkaConsumer<String, Object> replies = replyConsumer("rng.replies.v1")) {
      send(request, headers(correlationId));

      final ConsumerRecord<String, Object> reply = awaitReply(replies, correlationId);

      final GenericRecord value = (GenericRecord) reply.value();
      assertThat(reply.key()).isEqualTo(request.get("requestId").toString());
      assertThat(value.get("requestId").toString()).isEqualTo(request.get("requestId").toString());
      assertThat(value.get("status").toString()).isEqualTo("OK");
      assertThat((List<?>) value.get("numbers")).hasSize(6).doesNotHaveDuplicates()
          .allSatisfy(number -> assertThat((Long) number).isBetween(1L, 49L));
      assertThat(reply.headers().lastHeader("traceparent")).as("the reply carries the processor's trace context")
          .isNotNull();
    }
  }

  @Test
  void getsItsReplyOnItsOwnReplyTopicAndPartition() {
    final String replyTopic = "rng.replies.plain-" + UUID.randomUUID().toString().substring(0, 8);
    TestTopics.create(stack, replyTopic, 3);
    final byte[] correlationId = randomBytes(16);
    final RecordHeaders headers = headers(correlationId);
    headers.add("kafka_replyTopic", replyTopic.getBytes(StandardCharsets.UTF_8));
    headers.add("kafka_replyPartition", ByteBuffer.allocate(4).putInt(2).array());

    try (KafkaConsumer<String, Object> replies = replyConsumer(replyTopic)) {
      send(request("plain-kafka-it", 1, 6, 1, false), headers);

      final ConsumerRecord<String, Object> reply = awaitReply(replies, correlationId);

      assertThat(reply.topic()).isEqualTo(replyTopic);
      assertThat(reply.partition()).isEqualTo(2);
      assertThat(((GenericRecord) reply.value()).get("status").toString()).isEqualTo("OK");
    }
  }

  @Test
  void getsARejectionWithItsCodeForAnImpossibleRequest() {
    final byte[] correlationId = randomBytes(16);

    try (KafkaConsumer<String, Object> replies = replyConsumer("rng.replies.v1")) {
      send(request("plain-kafka-it", 6, 1, 1, false), headers(correlationId));

      final GenericRecord reply = (GenericRecord) awaitReply(replies, correlationId).value();

      assertThat(reply.get("status").toString()).isEqualTo("REJECTED");
      assertThat(((GenericRecord) reply.get("error")).get("code").toString()).isEqualTo("INVALID_BOUNDS");
    }
  }

  private static GenericRecord request(final String clientId, final long min, final long max, final int count,
      final boolean unique) {
    final GenericRecord request = new GenericData.Record(requestSchema);
    request.put("requestId", UUID.randomUUID().toString());
    request.put("clientId", clientId);
    request.put("min", min);
    request.put("max", max);
    request.put("count", count);
    request.put("unique", unique);
    request.put("seed", null);
    request.put("userData", "written without the SDK");
    request.put("requestedAt", Instant.now().toEpochMilli());
    return request;
  }

  private static RecordHeaders headers(final byte[] correlationId) {
    final RecordHeaders headers = new RecordHeaders();
    headers.add("kafka_correlationId", correlationId);
    return headers;
  }

  /** The producer of docs/protocol.md: keyed by clientId, Apicurio's Avro serializer, RecordIdStrategy, auto-register. */
  private static void send(final GenericRecord request, final RecordHeaders headers) {
    final Properties config = new Properties();
    config.put("bootstrap.servers", stack.bootstrapServers());
    config.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    config.put("value.serializer", "io.apicurio.registry.serde.avro.AvroKafkaSerializer");
    config.put("apicurio.registry.url", stack.registryUrl());
    config.put("apicurio.registry.artifact-resolver-strategy",
        "io.apicurio.registry.serde.avro.strategy.RecordIdStrategy");
    config.put("apicurio.registry.auto-register", "true");
    config.put("acks", "all");
    try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config)) {
      producer.send(new ProducerRecord<>("rng.requests.v1", null, request.get("clientId").toString(), request,
          headers));
      producer.flush();
    }
  }

  /** The consumer of docs/protocol.md: read_committed, every partition from the end, no group. */
  private static KafkaConsumer<String, Object> replyConsumer(final String topic) {
    final Properties config = new Properties();
    config.put("bootstrap.servers", stack.bootstrapServers());
    config.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    config.put("value.deserializer", "io.apicurio.registry.serde.avro.AvroKafkaDeserializer");
    config.put("apicurio.registry.url", stack.registryUrl());
    config.put("isolation.level", "read_committed");
    config.put("enable.auto.commit", "false");
    final KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config);
    final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(info -> new TopicPartition(topic, info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // Resolve the end now: a reply that comes back before the first poll must not be skipped.
    partitions.forEach(consumer::position);
    return consumer;
  }

  private static ConsumerRecord<String, Object> awaitReply(final KafkaConsumer<String, Object> replies,
      final byte[] correlationId) {
    final long deadline = System.nanoTime() + REPLY_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (final ConsumerRecord<String, Object> record : replies.poll(Duration.ofMillis(200))) {
        final Header header = record.headers().lastHeader("kafka_correlationId");
        if (header != null && Arrays.equals(header.value(), correlationId)) {
          return record;
        }
      }
    }
    throw new AssertionError("no reply with our kafka_correlationId within " + REPLY_WAIT);
  }

  private static byte[] randomBytes(final int length) {
    final byte[] bytes = new byte[length];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
