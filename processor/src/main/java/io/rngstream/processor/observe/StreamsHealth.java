package io.rngstream.processor.observe;

import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.processor.StateRestoreListener;

/** What the probes and the state gauge need to know about Kafka Streams: its state, dead threads, restoring stores. */
public final class StreamsHealth implements StateRestoreListener {
  private static final Set<KafkaStreams.State> LIVE =
      EnumSet.of(KafkaStreams.State.CREATED, KafkaStreams.State.REBALANCING, KafkaStreams.State.RUNNING);

  private final Supplier<KafkaStreams.State> state;
  private final Supplier<Set<ThreadMetadata>> threads;
  private final Set<TopicPartition> restoring = ConcurrentHashMap.newKeySet();
  private volatile String threadFailure;

  public StreamsHealth(final Supplier<KafkaStreams.State> state, final Supplier<Set<ThreadMetadata>> threads) {
    this.state = state;
    this.threads = threads;
  }

  /** Registers {@code rng_streams_state{state=…}}: 1 for the current state, 0 for the others. */
  public void registerGauges(final MeterRegistry registry) {
    for (final KafkaStreams.State each : KafkaStreams.State.values()) {
      registry.getOrCreate(Gauge.builder("rng_streams_state", () -> state.get() == each ? 1 : 0)
          .description("Kafka Streams client state: 1 for the current state")
          .tags(List.of(Tag.create("state", each.name())))
          .scope("application"));
    }
    registry.getOrCreate(Gauge.builder("rng_streams_alive_threads", () -> aliveThreads())
        .description("Stream threads that are not dead")
        .scope("application"));
  }

  /** Called by the uncaught-exception handler: liveness fails from now on. */
  public void threadFailed(final Throwable error) {
    threadFailure = error.getClass().getSimpleName() + ": " + error.getMessage();
  }

  public KafkaStreams.State state() {
    return state.get();
  }

  /** Liveness: the state is CREATED, REBALANCING or RUNNING and no stream thread died. */
  public Check liveness() {
    final KafkaStreams.State current = state.get();
    if (threadFailure != null) {
      return Check.down("streams", "a stream thread died: " + threadFailure);
    }
    if (!LIVE.contains(current)) {
      return Check.down("streams", "Kafka Streams is " + current);
    }
    final long dead = threads.get().stream().filter(thread -> "DEAD".equals(thread.threadState())).count();
    if (dead > 0) {
      return Check.down("streams", dead + " stream thread(s) are dead");
    }
    return Check.up("streams", current.name());
  }

  /** Readiness of the streams part: RUNNING and no state store restoring. */
  public List<Check> readiness() {
    final KafkaStreams.State current = state.get();
    final Check running = current == KafkaStreams.State.RUNNING
        ? Check.up("streams", "RUNNING")
        : Check.down("streams", "Kafka Streams is " + current + ", not RUNNING");
    final Check restoring = this.restoring.isEmpty()
        ? Check.up("state-stores", "no store restoring")
        : Check.down("state-stores", this.restoring.size() + " store partition(s) restoring");
    return List.of(running, restoring);
  }

  private int aliveThreads() {
    try {
      return (int) threads.get().stream().filter(thread -> !"DEAD".equals(thread.threadState())).count();
    } catch (RuntimeException e) {
      return 0; // metadata is unavailable while Streams is not running
    }
  }

  @Override
  public void onRestoreStart(final TopicPartition partition, final String storeName, final long startingOffset, final long endingOffset) {
    restoring.add(partition);
  }

  @Override
  public void onBatchRestored(final TopicPartition partition, final String storeName, final long batchEndOffset, final long numRestored) {
    // Progress is not a health matter.
  }

  @Override
  public void onRestoreEnd(final TopicPartition partition, final String storeName, final long totalRestored) {
    restoring.remove(partition);
  }

  @Override
  public void onRestoreSuspended(final TopicPartition partition, final String storeName, final long totalRestored) {
    restoring.remove(partition);
  }
}
