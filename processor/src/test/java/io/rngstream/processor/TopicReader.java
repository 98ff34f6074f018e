package io.rngstream.processor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads everything committed to a topic from the moment it was opened, the way an auditor or a caller
 * would: all partitions assigned, {@code read_committed}, no consumer group.
 */
public final class TopicReader<K, V> implements AutoCloseable {
  private final KafkaConsumer<K, V> consumer;
  private final List<ConsumerRecord<K, V>> records = new ArrayList<>();

  public TopicReader(final String bootstrapServers, final String topic, final Deserializer<K> keys, final Deserializer<V> values) {
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), keys, values);
    final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(info -> new TopicPartition(topic, info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // position() resolves the lazy seek now, so that nothing written after this constructor is missed.
    partitions.forEach(consumer::position);
  }

  /** Polls once more and returns all records read so far. */
  public List<ConsumerRecord<K, V>> poll() {
    return poll(Duration.ofMillis(200));
  }

  /** Polls once more, waiting at most {@code timeout} for new records, and returns all records read so far. */
  public List<ConsumerRecord<K, V>> poll(final Duration timeout) {
    consumer.poll(timeout).forEach(records::add);
    return List.copyOf(records);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
