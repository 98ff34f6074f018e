package io.rngstream.client.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.avro.AuditRecord;
import io.rngstream.client.testing.AuditChains;
import io.rngstream.core.audit.AuditVerifier;
import io.rngstream.core.audit.ChainHead;
import io.rngstream.core.audit.ChainLink;
import io.rngstream.core.audit.PartitionSummary;
import io.rngstream.core.signing.Ed25519Keys;
import io.rngstream.core.signing.KeyRing;
import io.rngstream.core.signing.SigningKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The parallel verifier over in-memory trails: what audit verify reports for each kind of tampering. */
class ParallelTrailVerifierTest {
  private static final SigningKey KEY = Ed25519Keys.generate();
  private static final SigningKey OTHER_KEY = Ed25519Keys.generate();
  private static final AuditChains CHAINS = new AuditChains(KEY, 10);
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

  private final Queue<AuditFailure> failures = new ConcurrentLinkedQueue<>();

  @AfterAll
  static void stopPool() {
    POOL.shutdownNow();
  }

  @Test
  void passesAnUntouchedTrailOfSeveralPartitions() throws Exception {
    final TrailSummary summary = verify(Map.of(0, CHAINS.partition(0, 25, 1), 1, CHAINS.partition(1, 30, 2),
        2, CHAINS.partition(2, 5, 3)));

    assertThat(failures).isEmpty();
    assertThat(summary.ok()).isTrue();
    assertThat(summary.records()).isEqualTo(27 + 33 + 5);
    final PartitionSummary first = summary.partitions().get(0);
    assertThat(first.firstSequence()).hasValue(0);
    assertThat(first.lastSequence()).hasValue(26);
    assertThat(first.lastCheckpoint()).hasValueSatisfying(mark -> assertThat(mark.coveredSequence()).isEqualTo(20));
    assertThat(summary.uncovered()).as("5 draws after the last checkpoint of partition 0, 5 in partition 2")
        .isEqualTo(5 + 0 + 5);
  }

  @Test
  void catchesAChangedNumber() throws Exception {
    final List<AuditRecord> trail = new ArrayList<>(CHAINS.partition(0, 20, 4));
    final AuditRecord changed = AuditRecord.newBuilder(trail.get(3)).build();
    final List<Long> numbers = new ArrayList<>(changed.getNumbers());
    numbers.set(0, numbers.get(0) == 1 ? 2L : 1L);
    changed.setNumbers(numbers);
    trail.set(3, changed);

    assertThat(verify(Map.of(0, trail)).ok()).isFalse();

    assertThat(kindsAt(3)).contains("BAD_SIGNATURE", "HASH_MISMATCH");
  }

  @Test
  void catchesARemovedRecord() throws Exception {
    final List<AuditRecord> trail = new ArrayList<>(CHAINS.partition(0, 20, 5));
    trail.remove(4);

    verify(Map.of(0, trail));

    assertThat(kindsAt(4)).contains("SEQUENCE_GAP", "BROKEN_LINK");
  }

  @Test
  void catchesTwoSwappedRecords() throws Exception {
    final List<AuditRecord> trail = new ArrayList<>(CHAINS.partition(0, 20, 6));
    Collections.swap(trail, 5, 6);

    verify(Map.of(0, trail));

    assertThat(failures).extracting(AuditFailure::kind).contains("SEQUENCE_REORDERED");
  }

  @Test
  void catchesARecordCopiedFromAnotherPartition() throws Exception {
    final List<AuditRecord> trail = new ArrayList<>(CHAINS.partition(0, 20, 7));
    trail.add(CHAINS.partition(1, 20, 8).get(20));

    verify(Map.of(0, trail));

    assertThat(kindsAt(trail.size() - 1)).contains("WRONG_PARTITION");
  }

  @Test
  void catchesADrawSignedWithAnotherKey() throws Exception {
    final List<AuditRecord> trail = new ArrayList<>(CHAINS.partition(0, 9, 9));
    final AuditRecord last = trail.get(trail.size() - 1);
    trail.add(ChainLink.link(0, ChainHead.of(last),
        AuditChains.drawRecord(0, trail.size(), new Random(10), OTHER_KEY)));

    verify(Map.of(0, trail));

    assertThat(kindsAt(trail.size() - 1)).containsExactly("UNKNOWN_KEY");
  }

  @Test
  void catchesAForgedRecordAppendedWithoutTheChain() throws Exception {
    final List<AuditRecord> trail = new ArrayList<>(CHAINS.partition(0, 10, 11));
    final AuditRecord forged = AuditChains.fromReply(
        AuditReplies.replyOf(trail.get(0)).orElseThrow(), 0, trail.size());
    trail.add(forged);

    verify(Map.of(0, trail));

    assertThat(kindsAt(trail.size() - 1)).contains("UNCHAINED");
  }

  @Test
  void reportsARecordThatIsNotAnAuditRecordAndGoesOn() throws Exception {
    final List<AuditRecord> trail = CHAINS.partition(0, 10, 12);
    final List<AuditEntry> entries = new ArrayList<>();
    for (int i = 0; i < trail.size(); i++) {
      entries.add(new AuditEntry(i, AuditChains.toBytes(trail.get(i))));
    }
    entries.add(5, new AuditEntry(99, new byte[] {1, 2, 3}));

    final ParallelTrailVerifier verifier = verifier();
    verifier.submit("t", 0, entries);
    verifier.awaitVerified();

    assertThat(failures).singleElement().satisfies(failure -> {
      assertThat(failure.kind()).isEqualTo(AuditFailure.UNREADABLE);
      assertThat(failure.offset()).isEqualTo(99);
    });
    assertThat(verifier.summary().records()).isEqualTo(trail.size() + 1);
  }

  private List<String> kindsAt(final long offset) {
    return failures.stream().filter(failure -> failure.offset() == offset).map(AuditFailure::kind).toList();
  }

  /** Submits each partition in batches of 4, interleaved, as polls would. */
  private TrailSummary verify(final Map<Integer, List<AuditRecord>> trails) throws InterruptedException {
    final ParallelTrailVerifier verifier = verifier();
    final int longest = trails.values().stream().mapToInt(List::size).max().orElse(0);
    for (int from = 0; from < longest; from += 4) {
      for (final Map.Entry<Integer, List<AuditRecord>> trail : new TreeMap<>(trails).entrySet()) {
        final List<AuditEntry> batch = new ArrayList<>();
        for (int i = from; i < Math.min(from + 4, trail.getValue().size()); i++) {
          batch.add(new AuditEntry(i, AuditChains.toBytes(trail.getValue().get(i))));
        }
        verifier.submit("t", trail.getKey(), batch);
      }
    }
    verifier.awaitVerified();
    return verifier.summary();
  }

  private ParallelTrailVerifier verifier() {
    return new ParallelTrailVerifier(new AuditVerifier(KeyRing.of(KEY.publicKey())), POOL, AuditChains::avroDecoder,
        4, failures::add);
  }
}
