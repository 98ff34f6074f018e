package io.rngstream.client.audit;

import io.rngstream.avro.AuditRecord;
import io.rngstream.core.audit.AuditVerifier;
import io.rngstream.core.audit.Finding;
import io.rngstream.core.audit.PartitionSummary;
import io.rngstream.core.audit.PartitionVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Verifies an audit trail with one {@link PartitionVerifier} per partition, partitions in parallel on a shared pool.
 *
 * <p>Batches of one partition run one after another, in the order they were submitted (each is chained to the
 * previous one of its partition), so a partition's records reach its verifier in offset order, and no partition
 * waits for another. Decoding runs on the pool too, with one decoder per partition. At most a fixed number of
 * batches wait at once; {@link #submit} blocks beyond that, so a fast reader cannot fill the memory.
 *
 * <p>{@link #submit} is called by one thread (the reader); failures are reported from pool threads, so the listener
 * must be thread-safe.
 */
public final class ParallelTrailVerifier {
  private final AuditVerifier verifier;
  private final Executor pool;
  private final Supplier<AuditDecoder> decoders;
  private final Consumer<AuditFailure> failures;
  private final Semaphore waitingBatches;
  private final Map<Integer, Lane> lanes = new TreeMap<>();
  private final AtomicLong failureCount = new AtomicLong();

  /** The state of one partition: its verifier, its decoder, and the last batch submitted for it. */
  private static final class Lane {
    private final String topic;
    private final PartitionVerifier verifier;
    private final AuditDecoder decoder;
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
    private long unreadable;

    Lane(final String topic, final PartitionVerifier verifier, final AuditDecoder decoder) {
      this.topic = topic;
      this.verifier = verifier;
      this.decoder = decoder;
    }
  }

  /**
   * @param verifier       the keys and checks; one partition verifier is made from it per partition
   * @param pool           where batches are decoded and verified, typically one thread per core
   * @param decoders       makes the decoder of each partition
   * @param maxWaiting     most batches submitted and not yet verified
   * @param failureHandler told of each failure as it is found, from pool threads
   */
  public ParallelTrailVerifier(final AuditVerifier verifier, final Executor pool, final Supplier<AuditDecoder> decoders,
      final int maxWaiting, final Consumer<AuditFailure> failureHandler) {
    this.verifier = verifier;
    this.pool = pool;
    this.decoders = decoders;
    this.waitingBatches = new Semaphore(maxWaiting);
    this.failures = failure -> {
      failureCount.incrementAndGet();
      failureHandler.accept(failure);
    };
  }

  /**
   * Queues the next records of a partition, in offset order, after those submitted before for it.
   *
   * @throws InterruptedException while waiting for room
   */
  public void submit(final String topic, final int partition, final List<AuditEntry> entries)
      throws InterruptedException {
    if (entries.isEmpty()) {
      return;
    }
    waitingBatches.acquire();
    final Lane lane = lanes.computeIfAbsent(partition,
        p -> new Lane(topic, verifier.forPartition(p), decoders.get()));
    lane.last = lane.last.thenRunAsync(() -> {
      try {
        verify(lane, entries);
      } finally {
        waitingBatches.release();
      }
    }, pool);
  }

  /** Waits until every submitted batch is verified; rethrows what broke a batch (a bug, not a finding). */
  public void awaitVerified() {
    final CompletableFuture<?>[] all = lanes.values().stream().map(lane -> lane.last)
        .toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(all).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException failure ? failure : e;
    }
  }

  /** The summary so far; call after {@link #awaitVerified} for a consistent one. */
  public TrailSummary summary() {
    final List<PartitionSummary> partitions = new ArrayList<>(lanes.size());
    final Map<Integer, Long> unreadable = new TreeMap<>();
    for (final Lane lane : lanes.values()) {
      partitions.add(lane.verifier.summary());
      if (lane.unreadable > 0) {
        unreadable.put(lane.verifier.partition(), lane.unreadable);
      }
    }
    return new TrailSummary(partitions, unreadable, failureCount.get());
  }

  /** Closes the decoders; call after {@link #awaitVerified}. */
  public void closeDecoders() {
    lanes.values().forEach(lane -> lane.decoder.close());
  }

  private void verify(final Lane lane, final List<AuditEntry> entries) {
    for (final AuditEntry entry : entries) {
      final AuditRecord record;
      try {
        record = lane.decoder.decode(lane.topic, entry.value());
      } catch (RuntimeException e) {
        lane.unreadable++;
        failures.accept(new AuditFailure(lane.verifier.partition(), entry.offset(), AuditFailure.UNREADABLE,
            "not an AuditRecord of the contract: " + e.getMessage()));
        continue;
      }
      for (final Finding finding : lane.verifier.accept(entry.offset(), record)) {
        failures.accept(AuditFailure.of(finding));
      }
    }
  }
}
