package io.rngstream.launcher;

import io.rngstream.avro.AuditKind;
import io.rngstream.avro.AuditRecord;
import io.rngstream.processor.topology.ContractSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads committed audit records from the moment it is opened, and finds them by request id. */
final class AuditTrail implements AutoCloseable {
  private final KafkaConsumer<String, Object> consumer;
  private final List<ConsumerRecord<String, Object>> seen = new java.util.ArrayList<>();

  AuditTrail(final String bootstrapServers, final String registryUrl, final String topic) {
    final Deserializer<Object> values = new ContractSerdes(registryUrl, Map.of()).valueDeserializer();
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), values);
    final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(info -> new TopicPartition(topic, info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
  }

  /** The audit record of a request of this kind, waiting up to {@code timeout} for it to be committed. */
  Optional<ConsumerRecord<String, Object>> find(final String requestId, final AuditKind kind, final Duration timeout) {
    final long deadline = System.nanoTime() + timeout.toNanos();
    Optional<ConsumerRecord<String, Object>> found = lookUp(requestId, kind);
    while (found.isEmpty() && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
      found = lookUp(requestId, kind);
    }
    return found;
  }

  private Optional<ConsumerRecord<String, Object>> lookUp(final String requestId, final AuditKind kind) {
    return seen.stream()
        .filter(record -> record.value() instanceof AuditRecord audit
            && audit.getRequestId().equals(requestId) && audit.getKind() == kind)
        .reduce((first, second) -> second);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
