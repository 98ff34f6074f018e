package io.rngstream.processor.topology;

import java.util.OptionalInt;

/** How many partitions a topic has, or empty when it does not exist. */
@FunctionalInterface
public interface TopicPartitionCounts {
  /** The partition count of the topic, or empty when there is no such topic. */
  OptionalInt partitionsOf(String topic);
}
