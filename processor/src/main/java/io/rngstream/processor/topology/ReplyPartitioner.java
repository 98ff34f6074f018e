package io.rngstream.processor.topology;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/** The partition the caller asked for with {@code kafka_replyPartition}; otherwise Kafka's default (by requestId). */
final class ReplyPartitioner implements StreamPartitioner<String, RoutedReply> {
  @Override
  public Optional<Set<Integer>> partitions(final String topic, final String key, final RoutedReply value, final int numPartitions) {
    return value.partition() == null ? Optional.empty() : Optional.of(Set.of(value.partition()));
  }
}
