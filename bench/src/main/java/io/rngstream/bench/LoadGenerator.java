package io.rngstream.bench;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.strategy.RecordIdStrategy;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.RandomRequest;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.client.cli.Endpoints;
import io.rngstream.core.protocol.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Open-loop load against one {@link Target}: a scheduler sends request i at {@code start + i / rate} whatever the
 * replies do, and a reply thread measures each reply from that intended time. The correlation id carries the step's
 * tag and the intended time, so replies need no lookup table and stray replies of earlier steps are ignored.
 */
final class LoadGenerator implements AutoCloseable {
  private static final int CORRELATION_BYTES = 2 * Long.BYTES;
  private static final Duration POLL = Duration.ofMillis(50);

  private final Target target;
  private final KafkaProducer<String, RandomRequest> producer;
  private final KafkaConsumer<byte[], Object> consumer;
  private final Thread replyThread;
  private final int clients;
  private final byte[] replyTopicHeader;
  private volatile StepRecorder current;
  private volatile boolean closed;
  private long nextTag = System.nanoTime();

  LoadGenerator(final Endpoints endpoints, final Target target, final int clients) {
    this.target = target;
    this.clients = clients;
    this.replyTopicHeader = target.replyTopic().getBytes(StandardCharsets.UTF_8);
    final Map<String, Object> serde = endpoints.serdeConfig(Map.of(
        "apicurio.registry.auto-register", true,
        "apicurio.registry.artifact-resolver-strategy", RecordIdStrategy.class.getName(),
        "apicurio.registry.use-specific-avro-reader", true));
    final AvroKafkaSerializer<RandomRequest> requests = new AvroKafkaSerializer<>();
    requests.configure(serde, false);
    // linger.ms=1: small batches at high rates without adding the 5 ms default of Kafka 4 to every request.
    this.producer = new KafkaProducer<>(endpoints.kafkaConfig(Map.of(
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 1,
        ProducerConfig.CLIENT_ID_CONFIG, "rng-bench-load-" + target.name())), new StringSerializer(), requests);
    final AvroKafkaDeserializer<Object> replies = new AvroKafkaDeserializer<>();
    replies.configure(serde, false);
    // read_committed: under exactly-once a reply exists for the caller only once its transaction commits.
    this.consumer = new KafkaConsumer<>(endpoints.kafkaConfig(Map.of(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.CLIENT_ID_CONFIG, "rng-bench-replies-" + target.name())), new ByteArrayDeserializer(), replies);
    final List<TopicPartition> partitions = consumer.partitionsFor(target.replyTopic(), Duration.ofSeconds(30)).stream()
        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    this.replyThread = new Thread(this::readReplies, "rng-bench-replies-" + target.name());
    replyThread.setDaemon(true);
    replyThread.start();
  }

  /**
   * Sends a few requests and waits for every reply: the first requests of a fresh target pay for the consumer group,
   * the first transactions and the registry look-ups, which belong to no measurement.
   */
  void prime(final int count, final Duration timeout) throws InterruptedException {
    final StepResult result = run("prime", 20, count, Duration.ZERO, Duration.ofSeconds(1), timeout, Double.MAX_VALUE);
    if (result.sendErrors() > 0 || result.unanswered() > 0) {
      throw new IllegalStateException(target.name() + " did not answer " + result.unanswered() + " of " + result.sent()
          + " priming requests within " + timeout.toSeconds() + " s (" + result.verdict() + ")");
    }
  }

  /**
   * Sends at {@code rate} requests/s for warm-up plus measurement, then waits up to {@code drain} for the replies
   * still owed, and returns the measurement window's result.
   */
  StepResult run(final String kind, final double rate, final int count, final Duration warmUp, final Duration measure,
      final Duration drain, final double maxP99Millis) throws InterruptedException {
    final long tag = nextTag++;
    final long start = System.nanoTime() + 1_000_000;
    final long windowStart = start + warmUp.toNanos();
    final long windowEnd = windowStart + measure.toNanos();
    final StepRecorder recorder = new StepRecorder(tag, windowStart, windowEnd);
    current = recorder;
    final double periodNanos = 1e9 / rate;
    final String requestPrefix = Long.toHexString(tag) + "-";
    for (long i = 0; ; i++) {
      final long intended = start + (long) (i * periodNanos);
      if (intended >= windowEnd) {
        break;
      }
      long now = System.nanoTime();
      while (now < intended) {
        LockSupport.parkNanos(intended - now);
        now = System.nanoTime();
      }
      send(recorder, requestPrefix + i, "bench-" + (i % clients), count, intended);
    }
    producer.flush();
    recorder.awaitAll(System.nanoTime() + drain.toNanos());
    return recorder.result(kind, rate, count, measure.toNanos() / 1e9, maxP99Millis);
  }

  private void send(final StepRecorder recorder, final String requestId, final String clientId, final int count,
      final long intended) {
    final RecordHeaders headers = new RecordHeaders();
    headers.add(Headers.CORRELATION_ID, ByteBuffer.allocate(CORRELATION_BYTES).putLong(recorder.tag()).putLong(intended).array());
    headers.add(Headers.REPLY_TOPIC, replyTopicHeader);
    final RandomRequest request = RandomRequest.newBuilder()
        .setRequestId(requestId)
        .setClientId(clientId)
        .setMin(1)
        .setMax(1_000_000)
        .setCount(count)
        .setUnique(false)
        .setRequestedAt(Instant.now())
        .build();
    recorder.sent(intended);
    producer.send(new ProducerRecord<>(target.requestTopic(), null, clientId, request, headers), (metadata, error) -> {
      if (error != null) {
        recorder.sendFailed();
      }
    });
  }

  private void readReplies() {
    try {
      while (!closed) {
        for (final ConsumerRecord<byte[], Object> record : consumer.poll(POLL)) {
          final long receivedAt = System.nanoTime();
          final Header header = record.headers().lastHeader(Headers.CORRELATION_ID);
          final StepRecorder recorder = current;
          if (header == null || header.value().length != CORRELATION_BYTES || recorder == null) {
            continue;
          }
          final ByteBuffer correlation = ByteBuffer.wrap(header.value());
          if (correlation.getLong() != recorder.tag()) {
            continue;
          }
          final boolean ok = !(record.value() instanceof RandomReply reply) || reply.getStatus() == ReplyStatus.OK;
          recorder.answered(correlation.getLong(), receivedAt, ok);
        }
      }
    } catch (WakeupException e) {
      // close() woke the poll: done.
    }
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      replyThread.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close(Duration.ofSeconds(1));
    producer.close(Duration.ofSeconds(1));
  }
}
