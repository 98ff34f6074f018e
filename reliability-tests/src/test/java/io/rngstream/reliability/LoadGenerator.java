package io.rngstream.reliability;

import io.rngstream.avro.RandomRequest;
import io.rngstream.processor.topology.ContractSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends valid requests at a fixed rate, each with a request id of its own, keyed by one of 32 client ids so
 * that every partition gets some. It never resends: a request the broker acknowledged must be answered exactly once.
 */
final class LoadGenerator implements AutoCloseable {
  private static final int CLIENTS = 32;

  private final String topic;
  private final String prefix;
  private final KafkaProducer<String, Object> producer;
  private final ScheduledExecutorService ticker;
  private final AtomicLong next = new AtomicLong();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final List<String> failures = new CopyOnWriteArrayList<>();

  /** A generator that writes to {@code topic}, registering the request schema with the registry on first use. */
  LoadGenerator(final String bootstrapServers, final String registryUrl, final String topic, final String prefix) {
    this.topic = topic;
    this.prefix = prefix;
    // Generous delivery timeout: during a broker restart the producer keeps the records and retries them.
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000,
        ProducerConfig.LINGER_MS_CONFIG, 0),
        new StringSerializer(), new ContractSerdes(registryUrl, Map.of()).valueSerializer());
    this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      final Thread thread = new Thread(runnable, "load-" + prefix);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts sending {@code perSecond} requests a second until {@link #stop()}. */
  LoadGenerator start(final int perSecond) {
    ticker.scheduleAtFixedRate(this::sendOne, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    return this;
  }

  /** Stops sending and waits until every request sent has been acknowledged or failed. */
  void stop() {
    ticker.shutdown();
    try {
      if (!ticker.awaitTermination(70, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the load generator did not stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.flush();
  }

  /** Sends one request now, outside the schedule; returns its id. */
  String sendOne() {
    final long sequence = next.getAndIncrement();
    final String clientId = "client-" + sequence % CLIENTS;
    final String requestId = prefix + "-" + sequence;
    final RandomRequest request = RandomRequest.newBuilder()
        .setRequestId(requestId)
        .setClientId(clientId)
        .setMin(1)
        .setMax(1_000_000)
        .setCount(2)
        .setUnique(false)
        .setSeed(null)
        .setUserData(null)
        .setRequestedAt(Instant.now())
        .build();
    try {
      producer.send(new ProducerRecord<>(topic, clientId, request), (metadata, error) -> {
        if (error == null) {
          acknowledged.add(requestId);
        } else {
          failures.add(requestId + ": " + error);
        }
      });
    } catch (RuntimeException e) {
      // Serializing needs the registry for a schema not cached; an exception here would also end the schedule.
      failures.add(requestId + ": " + e);
    }
    return requestId;
  }

  /** Ids of the requests the broker acknowledged. */
  Set<String> acknowledged() {
    return Set.copyOf(acknowledged);
  }

  /** How many requests were handed to the producer so far. */
  long sent() {
    return next.get();
  }

  /** Sends that failed (the test expects none: the producer retries through outages). */
  List<String> failures() {
    return List.copyOf(failures);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    producer.close(Duration.ofSeconds(5));
  }
}
