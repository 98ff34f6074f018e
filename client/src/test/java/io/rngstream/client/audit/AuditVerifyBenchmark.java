package io.rngstream.client.audit;

import io.rngstream.avro.AuditRecord;
import io.rngstream.client.testing.AuditChains;
import io.rngstream.core.audit.AuditVerifier;
import io.rngstream.core.signing.Ed25519Keys;
import io.rngstream.core.signing.KeyRing;
import io.rngstream.core.signing.SigningKey;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * How fast {@code rng audit verify} checks records, without Kafka: N signed, chained audit records made in memory
 * with core's API (checkpoint every 100 draws), encoded as Avro, then decoded and verified by
 * {@link ParallelTrailVerifier} the way the command runs it (one verifier per partition, a pool of one thread per
 * core, batches interleaved as polls deliver them). Goal: at least 20,000 records/s on a 2-core machine.
 *
 * <p>A {@code main}, not a test: timings on a shared 2-core machine make poor assertions. How to run it is in
 * docs/client.md ({@code rng audit verify}, "Speed"); arguments: records, partitions, threads.
 */
public final class AuditVerifyBenchmark {
  private static final int BATCH = 500;

  private AuditVerifyBenchmark() {
  }

  public static void main(final String[] args) throws Exception {
    final int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    final int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 12;
    final int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
    final SigningKey key = Ed25519Keys.generate();
    final AuditChains chains = new AuditChains(key, 100);

    System.out.printf(Locale.ROOT, "making %,d signed, chained audit records in %d partitions...%n", records,
        partitions);
    final List<List<AuditEntry>> trail = make(chains, records, partitions);
    final long total = trail.stream().mapToLong(List::size).sum();

    final ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      verify(key, pool, make(chains, Math.min(records, 20_000), partitions), threads);
      final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
          ManagementFactory.getOperatingSystemMXBean();
      final double loadBefore = os.getSystemLoadAverage();
      final long cpuStart = os.getProcessCpuTime();
      final long start = System.nanoTime();
      final TrailSummary summary = verify(key, pool, trail, threads);
      final double seconds = (System.nanoTime() - start) / 1e9;
      final double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
      if (!summary.ok() || summary.records() != total) {
        throw new IllegalStateException("the benchmark trail did not verify: " + summary);
      }
      System.out.printf(Locale.ROOT, "verified %,d records (%,d draws + checkpoints) in %d partitions with %d threads "
          + "in %.2f s: %,.0f records/s%n", total, records, partitions, threads, seconds, total / seconds);
      // Other processes share the cores: CPU time per record tells what an idle machine would do.
      System.out.printf(Locale.ROOT, "CPU %.1f us per record (%,.0f records/s per busy core; %d cores: %,.0f records/s "
          + "if nothing else runs); load average %.1f before%n", cpuSeconds * 1e6 / total, total / cpuSeconds,
          threads, threads * total / cpuSeconds, loadBefore);
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<List<AuditEntry>> make(final AuditChains chains, final int records, final int partitions) {
    return IntStream.range(0, partitions).parallel().mapToObj(partition -> {
      final List<AuditRecord> chain = chains.partition(partition, records / partitions, partition);
      final List<AuditEntry> entries = new ArrayList<>(chain.size());
      for (int offset = 0; offset < chain.size(); offset++) {
        entries.add(new AuditEntry(offset, AuditChains.toBytes(chain.get(offset))));
      }
      return entries;
    }).toList();
  }

  private static TrailSummary verify(final SigningKey key, final ExecutorService pool,
      final List<List<AuditEntry>> trail, final int threads) throws InterruptedException {
    final AtomicLong failures = new AtomicLong();
    final ParallelTrailVerifier verifier = new ParallelTrailVerifier(new AuditVerifier(KeyRing.of(key.publicKey())),
        pool, AuditChains::avroDecoder, 4 * threads, failure -> failures.incrementAndGet());
    final int longest = trail.stream().mapToInt(List::size).max().orElse(0);
    for (int from = 0; from < longest; from += BATCH) {
      for (int partition = 0; partition < trail.size(); partition++) {
        final List<AuditEntry> entries = trail.get(partition);
        if (from < entries.size()) {
          verifier.submit("rng.audit.v1", partition, entries.subList(from, Math.min(from + BATCH, entries.size())));
        }
      }
    }
    verifier.awaitVerified();
    return verifier.summary();
  }
}
