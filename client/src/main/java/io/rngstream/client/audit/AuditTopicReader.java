package io.rngstream.client.audit;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every partition of an audit topic, committed records only, from a start position: to the end offsets as
 * they were when it was opened, or on and on ({@code follow}) until {@link #stop}. Assigns partitions itself (no
 * consumer group, nothing committed), so any number of auditors read independently.
 */
public final class AuditTopicReader implements AutoCloseable {
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final Comparator<TopicPartition> BY_PARTITION = Comparator.comparingInt(TopicPartition::partition);

  /** Receives the records of one poll, one partition at a time, in offset order. */
  @FunctionalInterface
  public interface BatchHandler {
    void accept(int partition, List<ConsumerRecord<byte[], byte[]>> records) throws InterruptedException;
  }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final Map<TopicPartition, Long> ends;

  private AuditTopicReader(final KafkaConsumer<byte[], byte[]> consumer, final String topic,
      final Map<TopicPartition, Long> ends) {
    this.consumer = consumer;
    this.topic = topic;
    this.ends = ends;
  }

  /**
   * Connects, assigns every partition of {@code topic}, seeks to {@code start} and notes the end offsets.
   *
   * @param kafkaConfig consumer settings (bootstrap servers, security); the reader sets what it depends on
   * @throws IllegalArgumentException when the topic does not exist or the start names a partition it lacks
   */
  public static AuditTopicReader open(final Map<String, Object> kafkaConfig, final String topic,
      final StartPosition start, final Duration timeout) {
    final Map<String, Object> config = new HashMap<>(kafkaConfig);
    // The processor writes audit records in transactions; aborted ones never happened.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    final KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    try {
      final List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalArgumentException("topic " + topic + " does not exist");
      }
      final List<TopicPartition> partitions = infos.stream()
          .map(info -> new TopicPartition(topic, info.partition())).sorted(BY_PARTITION).toList();
      consumer.assign(partitions);
      seek(consumer, partitions, start, timeout);
      partitions.forEach(partition -> consumer.position(partition, timeout));
      // Under read_committed these are the last stable offsets: the end of what has been committed.
      final Map<TopicPartition, Long> ends = new TreeMap<>(BY_PARTITION);
      ends.putAll(consumer.endOffsets(partitions, timeout));
      return new AuditTopicReader(consumer, topic, ends);
    } catch (RuntimeException e) {
      consumer.close(CloseOptions.timeout(Duration.ZERO));
      throw e;
    }
  }

  private static void seek(final KafkaConsumer<byte[], byte[]> consumer, final List<TopicPartition> partitions,
      final StartPosition start, final Duration timeout) {
    switch (start) {
      case StartPosition.Beginning ignored -> consumer.seekToBeginning(partitions);
      case StartPosition.Since since -> {
        final Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, since.time().toEpochMilli()));
        final Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times, timeout);
        final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        partitions.forEach(partition -> {
          final OffsetAndTimestamp offset = found.get(partition);
          consumer.seek(partition, offset == null ? ends.get(partition) : offset.offset());
        });
      }
      case StartPosition.Offsets offsets -> {
        offsets.offsets().keySet().stream()
            .filter(partition -> partitions.stream().noneMatch(known -> known.partition() == partition))
            .findFirst().ifPresent(partition -> {
              throw new IllegalArgumentException("topic " + partitions.get(0).topic() + " has no partition "
                  + partition + " (it has " + partitions.size() + ")");
            });
        consumer.seekToBeginning(partitions);
        partitions.forEach(partition -> {
          final Long offset = offsets.offsets().get(partition.partition());
          if (offset != null) {
            consumer.seek(partition, offset);
          }
        });
      }
    }
  }

  /** Whether a topic exists; asks without creating it. */
  public boolean topicExists(final String name, final Duration timeout) {
    final List<PartitionInfo> partitions = consumer.partitionsFor(name, timeout);
    return partitions != null && !partitions.isEmpty();
  }

  /** The topic read. */
  public String topic() {
    return topic;
  }

  /** The end offset of each partition when the reader was opened (where a read without follow stops). */
  public Map<Integer, Long> endOffsets() {
    final Map<Integer, Long> byPartition = new TreeMap<>();
    ends.forEach((partition, offset) -> byPartition.put(partition.partition(), offset));
    return byPartition;
  }

  /**
   * Reads and hands every poll's records to {@code handler}, partition by partition, until the end offsets noted at
   * open (unless {@code follow}) or {@link #stop}.
   *
   * @return true when it reached the end, false when stopped
   * @throws InterruptedException when the handler was interrupted
   */
  public boolean read(final boolean follow, final BatchHandler handler) throws InterruptedException {
    try {
      while (follow || !reachedEnd()) {
        final ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
        for (final TopicPartition partition : records.partitions()) {
          handler.accept(partition.partition(), records.records(partition));
        }
      }
      return true;
    } catch (WakeupException e) {
      return false;
    }
  }

  /** Makes {@link #read} return soon; callable from any thread (a shutdown hook, say). */
  public void stop() {
    consumer.wakeup();
  }

  private boolean reachedEnd() {
    return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
  }

  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(Duration.ZERO));
  }
}
