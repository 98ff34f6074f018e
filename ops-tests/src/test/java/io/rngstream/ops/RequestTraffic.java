package io.rngstream.ops;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.strategy.RecordIdStrategy;
import io.rngstream.avro.RandomRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Requests as callers send them, one kind per outcome the dashboards show: drawn, rejected for bad input,
 * repeated (duplicates) and unreadable (dead letters).
 */
final class RequestTraffic implements AutoCloseable {
  private final String topic;
  private final KafkaProducer<String, Object> avro;
  private final KafkaProducer<byte[], byte[]> raw;
  private final List<Future<RecordMetadata>> sent = new ArrayList<>();
  private int sequence;

  RequestTraffic(final String bootstrapServers, final String registryUrl, final String topic) {
    this.topic = topic;
    final Map<String, Object> common = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.LINGER_MS_CONFIG, 0);
    final AvroKafkaSerializer<Object> serializer = new AvroKafkaSerializer<>();
    serializer.configure(Map.of(
        "apicurio.registry.url", registryUrl,
        "apicurio.registry.auto-register", true,
        "apicurio.registry.artifact-resolver-strategy", RecordIdStrategy.class.getName()), false);
    this.avro = new KafkaProducer<>(common, new StringSerializer(), serializer);
    this.raw = new KafkaProducer<>(common, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** A valid request: drawn, outcome ok. */
  RequestTraffic valid(final String clientId) {
    return send(clientId, request(clientId, "ok-" + next()).build());
  }

  /** min greater than max: rejected with INVALID_BOUNDS, the caller's error. */
  RequestTraffic invalidBounds(final String clientId) {
    return send(clientId, request(clientId, "bounds-" + next()).setMin(9).setMax(1).build());
  }

  /** More numbers than the limit allows: rejected with COUNT_TOO_LARGE. */
  RequestTraffic countTooLarge(final String clientId) {
    return send(clientId, request(clientId, "count-" + next()).setCount(1_000_000).build());
  }

  /** The same clientId and requestId twice: the second is a duplicate, answered with the original reply. */
  RequestTraffic repeated(final String clientId) {
    final RandomRequest request = request(clientId, "repeat-" + next()).build();
    return send(clientId, request).send(clientId, request);
  }

  /** Bytes that are not Avro: a dead letter with reason not_avro. */
  RequestTraffic notAvro(final String clientId) {
    sent.add(raw.send(new ProducerRecord<>(topic, key(clientId), "poison pill".getBytes(StandardCharsets.UTF_8))));
    return this;
  }

  /** A record without a value: a dead letter with reason null_value. */
  RequestTraffic nullValue(final String clientId) {
    sent.add(raw.send(new ProducerRecord<>(topic, key(clientId), null)));
    return this;
  }

  /** Waits until the broker acknowledged everything sent so far. */
  void flush() {
    avro.flush();
    raw.flush();
    for (final Future<RecordMetadata> future : sent) {
      try {
        future.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("a test request was not accepted by the broker", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    sent.clear();
  }

  @Override
  public void close() {
    avro.close();
    raw.close();
  }

  private RequestTraffic send(final String clientId, final RandomRequest request) {
    sent.add(avro.send(new ProducerRecord<>(topic, clientId, request)));
    return this;
  }

  private int next() {
    return ++sequence;
  }

  private static byte[] key(final String clientId) {
    return clientId.getBytes(StandardCharsets.UTF_8);
  }

  private static RandomRequest.Builder request(final String clientId, final String requestId) {
    return RandomRequest.newBuilder()
        .setRequestId(requestId + "-" + System.nanoTime())
        .setClientId(clientId)
        .setMin(1)
        .setMax(6)
        .setCount(3)
        .setUnique(false)
        .setSeed(null)
        .setUserData(null)
        .setRequestedAt(Instant.now());
  }
}
