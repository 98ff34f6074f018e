package io.rngstream.client.sdk;

import io.rngstream.avro.RandomReply;
import io.rngstream.core.protocol.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that reads the reply topic and hands each record to {@link PendingDraws}. It reads every
 * partition from the end as of {@link #start}, without a consumer group: a reply may land on any partition (it
 * is keyed by request id), and a group would hand partitions to other clients.
 */
final class ReplyListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplyListener.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

  private final Consumer<byte[], byte[]> consumer;
  private final Deserializer<Object> replyDeserializer;
  private final PendingDraws pending;
  private final String replyTopic;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private Thread thread;

  ReplyListener(final Consumer<byte[], byte[]> consumer, final Deserializer<Object> replyDeserializer,
      final PendingDraws pending, final String replyTopic) {
    this.consumer = consumer;
    this.replyDeserializer = replyDeserializer;
    this.pending = pending;
    this.replyTopic = replyTopic;
  }

  /**
   * Assigns every partition of the reply topic and resolves the end offsets before returning, so that a reply
   * to a request sent after this call is never skipped. Then starts the poll thread.
   */
  void start(final Duration timeout, final String threadName) {
    final List<PartitionInfo> partitions = consumer.partitionsFor(replyTopic, timeout);
    if (partitions == null || partitions.isEmpty()) {
      throw new RngClientException("reply topic " + replyTopic + " does not exist; create it (a reply topic of "
          + "your own must match the processor's allowed reply topics, rng.replies.* by default)");
    }
    final List<TopicPartition> assignment = partitions.stream()
        .map(info -> new TopicPartition(info.topic(), info.partition()))
        .toList();
    consumer.assign(assignment);
    consumer.seekToEnd(assignment);
    // seekToEnd is lazy; position() makes the consumer look the offsets up now, not at the first poll.
    assignment.forEach(partition -> consumer.position(partition, timeout));
    thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops the poll thread and waits up to {@code timeout} for it to close the consumer. */
  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  void close(final Duration timeout) {
    closing.countDown();
    if (thread == null) {
      closeConsumer();
      return;
    }
    consumer.wakeup();
    try {
      if (!stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("The reply thread did not stop within {} ms", timeout.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      while (closing.getCount() > 0) {
        pollOnce();
      }
    } finally {
      closeConsumer();
      stopped.countDown();
    }
  }

  private void pollOnce() {
    try {
      for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
        final Header correlation = record.headers().lastHeader(Headers.CORRELATION_ID);
        pending.onReply(correlation == null ? null : correlation.value(), key -> header(record, key),
            () -> decode(record));
      }
    } catch (WakeupException e) {
      // close() asked the poll to return; the loop condition ends the thread.
    } catch (RuntimeException e) {
      // A broker that went away or lost authorization: waiting draws time out on their own, so keep trying.
      LOG.warn("Reading replies from {} failed; retrying in {} ms", replyTopic, RETRY_BACKOFF.toMillis(), e);
      awaitClosing(RETRY_BACKOFF);
    }
  }

  private static String header(final ConsumerRecord<byte[], byte[]> record, final String key) {
    final Header header = record.headers().lastHeader(key);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private Optional<RandomReply> decode(final ConsumerRecord<byte[], byte[]> record) {
    final Object value = replyDeserializer.deserialize(record.topic(), record.headers(), record.value());
    return value instanceof RandomReply reply ? Optional.of(reply) : Optional.empty();
  }

  private void awaitClosing(final Duration backoff) {
    try {
      closing.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closing.countDown();
    }
  }

  private void closeConsumer() {
    try {
      // No group to leave and no offsets to commit: nothing is worth waiting for.
      consumer.close(CloseOptions.timeout(Duration.ZERO));
    } catch (RuntimeException e) {
      LOG.debug("Closing the reply consumer failed", e);
    }
    replyDeserializer.close();
  }
}
