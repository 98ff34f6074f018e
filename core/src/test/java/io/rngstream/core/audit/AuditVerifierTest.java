package io.rngstream.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.Checkpoint;
import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.avro.RequestError;
import io.rngstream.core.audit.Finding.Kind;
import io.rngstream.core.signing.Ed25519Keys;
import io.rngstream.core.signing.KeyRing;
import io.rngstream.core.signing.SigningKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditVerifierTest {

    private static final SigningKey KEY = TestDraws.RFC8032_KEY;
    private static final SigningKey ATTACKER = Ed25519Keys.generate();
    private final AuditVerifier verifier = new AuditVerifier(KeyRing.of(KEY.publicKey()));

    // --- clean chains

    @Test
    void cleanChainWithCheckpointsHasNoFindingsAndCountsTrailingRecords() {
        final TestChain chain = new TestChain(0, KEY).draws(10).checkpoint().draws(10).checkpoint().draws(3);

        final PartitionVerifier partition = verifier.forPartition(0);
        final List<Finding> findings = acceptAll(partition, chain.records());

        assertThat(findings).isEmpty();
        final PartitionSummary summary = partition.summary();
        assertThat(summary.ok()).isTrue();
        assertThat(summary.records()).isEqualTo(25);
        assertThat(summary.firstSequence()).hasValue(0);
        assertThat(summary.lastSequence()).hasValue(24);
        assertThat(summary.lastCheckpoint()).hasValueSatisfying(mark -> {
            assertThat(mark.coveredSequence()).isEqualTo(20);
            assertThat(mark.sequence()).isEqualTo(21);
            assertThat(mark.offset()).isEqualTo(21);
        });
        assertThat(summary.uncoveredRecords()).as("the three draws after the last checkpoint").isEqualTo(3);
    }

    @Test
    void chainEndingWithACheckpointHasNoUncoveredRecords() {
        final TestChain chain = new TestChain(2, KEY).draws(5).checkpoint();

        final PartitionVerifier partition = verifier.forPartition(2);

        assertThat(acceptAll(partition, chain.records())).isEmpty();
        assertThat(partition.summary().uncoveredRecords()).isZero();
    }

    @Test
    void chainWithoutCheckpointsIsOkButEntirelyUncovered() {
        final PartitionVerifier partition = verifier.forPartition(0);

        assertThat(acceptAll(partition, new TestChain(0, KEY).draws(4).records())).isEmpty();
        assertThat(partition.summary().ok()).isTrue();
        assertThat(partition.summary().lastCheckpoint()).isEmpty();
        assertThat(partition.summary().uncoveredRecords()).isEqualTo(4);
    }

    @Test
    void duplicatesRejectionsFullRangeAndRetiredKeysVerify() {
        final SigningKey retired = Ed25519Keys.generate();
        final TestChain chain = new TestChain(1, KEY);
        final RandomReply original = chain.draw(Long.MIN_VALUE, Long.MAX_VALUE, 3, true);
        chain.draw(1, 6, 10, false);
        chain.duplicate(original).checkpoint();
        chain.append(TestDraws.auditOf(ReplySigner.sign(rejectedReply(), KEY), 1, 99).build());
        final TestChain oldKeyChain = new TestChain(1, retired).draws(1);
        chain.append(AuditRecord.newBuilder(oldKeyChain.records().get(0)).setSequence(null).build());
        final KeyRing ring = KeyRing.of(List.of(new KeyRing.Entry(KEY.publicKey(), KeyRing.Status.ACTIVE),
                new KeyRing.Entry(retired.publicKey(), KeyRing.Status.RETIRED)));

        assertThat(acceptAll(new AuditVerifier(ring).forPartition(1), chain.records())).isEmpty();
    }

    @Test
    void verificationMayStartInTheMiddleOfAPartition() {
        final List<AuditRecord> records = new TestChain(0, KEY).draws(5).checkpoint().draws(5).checkpoint().records();
        final PartitionVerifier partition = verifier.forPartition(0);

        for (int offset = 3; offset < records.size(); offset++) {
            assertThat(partition.accept(offset, records.get(offset))).isEmpty();
        }
        assertThat(partition.summary().firstSequence()).hasValue(3);
        assertThat(partition.summary().uncoveredRecords()).isZero();
    }

    @Test
    void partitionsAreIndependent() {
        final List<AuditRecord> zero = new TestChain(0, KEY).draws(3).records();
        final List<AuditRecord> one = new TestChain(1, KEY).draws(3).records();
        final PartitionVerifier p0 = verifier.forPartition(0);
        final PartitionVerifier p1 = verifier.forPartition(1);

        for (int i = 0; i < 3; i++) {
            assertThat(p0.accept(i, zero.get(i))).isEmpty();
            assertThat(p1.accept(i, one.get(i))).isEmpty();
        }
    }

    // --- the tamper cases of issue 5

    @Test
    void changedNumberIsCaught() {
        final List<AuditRecord> records = new TestChain(0, KEY).draws(5).checkpoint().records();
        final AuditRecord record = records.get(2);
        final List<Long> numbers = new ArrayList<>(record.getNumbers());
        numbers.set(0, numbers.get(0) == 1 ? 2L : 1L);
        records.set(2, AuditRecord.newBuilder(record).setNumbers(numbers).build());

        final List<Finding> findings = acceptAll(verifier.forPartition(0), records);

        assertThat(kinds(findings)).containsExactlyInAnyOrder(Kind.HASH_MISMATCH, Kind.BAD_SIGNATURE,
                Kind.NUMBERS_MISMATCH);
        assertThat(findings).allSatisfy(finding -> assertThat(finding.offset()).isEqualTo(2));
    }

    @Test
    void changedNumberWithRecomputedHashesIsCaughtByTheSignatureAndTheCheckpoint() {
        final TestChain original = new TestChain(0, KEY).draws(5).checkpoint();
        final List<AuditRecord> records = original.records();
        final AuditRecord record = records.get(2);
        final List<Long> numbers = new ArrayList<>(record.getNumbers());
        numbers.set(0, numbers.get(0) == 1 ? 2L : 1L);
        records.set(2, AuditRecord.newBuilder(record).setNumbers(numbers).build());
        final List<AuditRecord> relinked = relink(0, records.subList(0, 5));
        relinked.add(records.get(5));

        final List<Finding> findings = acceptAll(verifier.forPartition(0), relinked);

        assertThat(kinds(findings)).contains(Kind.BAD_SIGNATURE, Kind.NUMBERS_MISMATCH, Kind.BAD_CHECKPOINT)
                .doesNotContain(Kind.HASH_MISMATCH);
    }

    @Test
    void removedRecordIsCaught() {
        final List<AuditRecord> records = new TestChain(0, KEY).draws(6).records();
        records.remove(3);

        final List<Finding> findings = acceptAll(verifier.forPartition(0), records);

        assertThat(kinds(findings)).containsExactlyInAnyOrder(Kind.SEQUENCE_GAP, Kind.BROKEN_LINK);
        assertThat(findings).allSatisfy(finding -> assertThat(finding.offset()).isEqualTo(3));
        assertThat(findings.get(0).detail()).contains("from sequence 3");
    }

    @Test
    void removedLastRecordBeforeACheckpointIsCaught() {
        final List<AuditRecord> records = new TestChain(0, KEY).draws(4).checkpoint().records();
        records.remove(3);

        final List<Finding> findings = acceptAll(verifier.forPartition(0), records);

        assertThat(kinds(findings)).contains(Kind.SEQUENCE_GAP, Kind.BROKEN_LINK, Kind.BAD_CHECKPOINT);
    }

    @Test
    void swappedRecordsAreCaught() {
        final List<AuditRecord> records = new TestChain(0, KEY).draws(6).records();
        Collections.swap(records, 2, 3);

        final List<Finding> findings = acceptAll(verifier.forPartition(0), records);

        assertThat(kinds(findings)).contains(Kind.SEQUENCE_REORDERED, Kind.BROKEN_LINK);
        assertThat(findings).noneMatch(finding -> finding.offset() > 3);
    }

    @Test
    void duplicatedRecordIsCaught() {
        final List<AuditRecord> records = new TestChain(0, KEY).draws(4).records();
        records.add(2, records.get(1));

        assertThat(kinds(acceptAll(verifier.forPartition(0), records))).containsExactly(Kind.SEQUENCE_REORDERED);
    }

    @Test
    void recordCopiedFromAnotherPartitionIsCaught() {
        final List<AuditRecord> records = new TestChain(0, KEY).draws(4).records();
        final AuditRecord foreign = new TestChain(1, KEY).draws(5).records().get(4);
        records.add(foreign);

        final List<Finding> findings = acceptAll(verifier.forPartition(0), records);

        assertThat(kinds(findings)).contains(Kind.WRONG_PARTITION, Kind.HASH_MISMATCH, Kind.BROKEN_LINK);
        assertThat(findings).allSatisfy(finding -> assertThat(finding.offset()).isEqualTo(4));
    }

    @Test
    void recordMovedToAnotherPartitionWithItsFieldsRewrittenStillBreaksTheChain() {
        final List<AuditRecord> records = new TestChain(0, KEY).draws(4).records();
        final AuditRecord foreign = new TestChain(1, KEY).draws(5).records().get(4);
        records.add(AuditRecord.newBuilder(foreign).setSourcePartition(0).build());

        assertThat(kinds(acceptAll(verifier.forPartition(0), records)))
                .contains(Kind.HASH_MISMATCH, Kind.BROKEN_LINK);
    }

    @Test
    void drawSignedWithAnotherKeyIsCaught() {
        final TestChain chain = new TestChain(0, KEY).draws(2);
        final RandomReply forged = ReplySigner.sign(TestDraws.reply(0, 77, 1, 49, 6, true), ATTACKER);
        chain.append(TestDraws.auditOf(forged, 0, 2000).build());

        final List<Finding> findings = acceptAll(verifier.forPartition(0), chain.records());

        assertThat(kinds(findings)).containsExactly(Kind.UNKNOWN_KEY);
        assertThat(findings.get(0).detail()).contains(ATTACKER.keyId());
    }

    @Test
    void drawSignedWithAnotherKeyClaimingTheProcessorsKeyIdIsCaught() {
        final TestChain chain = new TestChain(0, KEY).draws(2);
        final RandomReply forged = RandomReply.newBuilder(
                ReplySigner.sign(TestDraws.reply(0, 77, 1, 49, 6, true), ATTACKER)).setKeyId(KEY.keyId()).build();
        chain.append(TestDraws.auditOf(forged, 0, 2000).build());

        assertThat(kinds(acceptAll(verifier.forPartition(0), chain.records()))).containsExactly(Kind.BAD_SIGNATURE);
    }

    @Test
    void forgedUnchainedRecordAppendedByAnotherProducerIsCaughtAndNeverCovered() {
        final List<AuditRecord> records = new TestChain(0, KEY).draws(3).checkpoint().records();
        final RandomReply forged = ReplySigner.sign(TestDraws.reply(0, 99, 1, 49, 6, true), ATTACKER);
        records.add(TestDraws.auditOf(forged, 0, 3000).build());

        final PartitionVerifier partition = verifier.forPartition(0);
        final List<Finding> findings = acceptAll(partition, records);

        assertThat(kinds(findings)).containsExactlyInAnyOrder(Kind.UNCHAINED, Kind.UNKNOWN_KEY);
        assertThat(partition.summary().uncoveredRecords()).isEqualTo(1);
        assertThat(partition.summary().lastCheckpoint()).hasValueSatisfying(
                mark -> assertThat(mark.coveredSequence()).isEqualTo(2));
    }

    @Test
    void forgedRecordChainedByAnotherProducerIsNeverCoveredByAValidCheckpoint() {
        // The forger can compute SHA-256 and copy a genuinely signed draw: only a checkpoint can tell.
        final TestChain genuine = new TestChain(0, KEY).draws(3).checkpoint();
        final List<AuditRecord> records = genuine.records();
        final AuditRecord copy = AuditRecord.newBuilder(records.get(1)).setSequence(null).setPrevHash(null)
                .setHash(null).build();
        records.add(ChainLink.link(0, genuine.head(), copy));

        final PartitionVerifier partition = verifier.forPartition(0);

        assertThat(acceptAll(partition, records)).isEmpty();
        assertThat(partition.summary().uncoveredRecords()).as("the forged record").isEqualTo(1);

        // The processor's next records link to its own head, not to the forged record.
        genuine.draws(1).checkpoint();
        final List<AuditRecord> more = genuine.records().subList(4, 6);
        final List<Finding> later = new ArrayList<>();
        for (int i = 0; i < more.size(); i++) {
            later.addAll(partition.accept(5 + i, more.get(i)));
        }

        assertThat(kinds(later)).as("the processor's next draw and checkpoint")
                .containsExactlyInAnyOrder(Kind.SEQUENCE_REORDERED, Kind.BROKEN_LINK, Kind.BAD_CHECKPOINT);
        assertThat(partition.summary().lastCheckpoint()).hasValueSatisfying(
                mark -> assertThat(mark.coveredSequence()).as("still the checkpoint before the forgery").isEqualTo(2));
    }

    @Test
    void forgedRecordCannotBeCoveredByAForgedCheckpoint() {
        final TestChain chain = new TestChain(0, KEY).draws(3);
        final AuditRecord copy = AuditRecord.newBuilder(chain.records().get(0)).setSequence(null).setPrevHash(null)
                .setHash(null).build();
        chain.append(copy);
        final AuditRecord forgedCheckpoint = ChainLink.checkpointRecord(0, chain.head(), 1L, ATTACKER, "a", "p", "v",
                "t");
        chain.append(forgedCheckpoint);
        final AuditRecord lyingCheckpoint = AuditRecord.newBuilder(forgedCheckpoint)
                .setCheckpoint(Checkpoint.newBuilder(forgedCheckpoint.getCheckpoint())
                        .setKeyId(KEY.keyId()).build())
                .setSequence(null).setPrevHash(null).setHash(null).build();
        chain.append(lyingCheckpoint);

        final PartitionVerifier partition = verifier.forPartition(0);
        final List<Finding> findings = acceptAll(partition, chain.records());

        assertThat(kinds(findings)).containsExactlyInAnyOrder(Kind.UNKNOWN_KEY, Kind.BAD_CHECKPOINT);
        assertThat(partition.summary().lastCheckpoint()).isEmpty();
        assertThat(partition.summary().uncoveredRecords()).isEqualTo(6);
    }

    @Test
    void checkpointCopiedWithoutItsChainFieldsCoversNothing() {
        final List<AuditRecord> records = new TestChain(0, KEY).draws(3).checkpoint().draws(2).records();
        records.add(AuditRecord.newBuilder(records.get(3)).setSequence(null).setPrevHash(null).setHash(null).build());

        final PartitionVerifier partition = verifier.forPartition(0);

        assertThat(kinds(acceptAll(partition, records))).containsExactly(Kind.UNCHAINED);
        assertThat(partition.summary().uncoveredRecords()).as("two draws and the copy").isEqualTo(3);
        assertThat(partition.summary().lastCheckpoint()).hasValueSatisfying(
                mark -> assertThat(mark.offset()).isEqualTo(3));
    }

    @Test
    void checkpointCoveringARecordTheVerifierDidNotSeeIsBad() {
        final TestChain chain = new TestChain(0, KEY).draws(3);
        final ChainHead elsewhere = new ChainHead(7, TestDraws.sha256(new byte[] {7}));
        chain.append(ChainLink.checkpointRecord(0, elsewhere, 1L, KEY, "a", "p", "v", "t"));

        final List<Finding> findings = acceptAll(verifier.forPartition(0), chain.records());

        assertThat(kinds(findings)).containsExactly(Kind.BAD_CHECKPOINT);
        assertThat(findings.get(0).detail()).contains("covers sequence 7");
    }

    @Test
    void checkpointWithTheRightHeadButAnotherHashIsBad() {
        final TestChain chain = new TestChain(0, KEY).draws(3);
        final ChainHead wrongHash = new ChainHead(2, TestDraws.sha256(new byte[] {2}));
        chain.append(ChainLink.checkpointRecord(0, wrongHash, 1L, KEY, "a", "p", "v", "t"));

        assertThat(kinds(acceptAll(verifier.forPartition(0), chain.records()))).containsExactly(Kind.BAD_CHECKPOINT);
    }

    @Test
    void checkpointForAnotherPartitionIsCaught() {
        final TestChain chain = new TestChain(0, KEY).draws(3);
        final AuditRecord foreign = ChainLink.checkpointRecord(1, chain.head(), 1L, KEY, "a", "p", "v", "t");
        chain.append(AuditRecord.newBuilder(foreign).setSourcePartition(0).build());

        assertThat(kinds(acceptAll(verifier.forPartition(0), chain.records()))).containsExactly(Kind.WRONG_PARTITION);
    }

    @Test
    void recordWithoutSignatureIsCaught() {
        final TestChain chain = new TestChain(0, KEY);
        chain.append(TestDraws.auditOf(TestDraws.reply(0, 1, 1, 6, 1, false), 0, 1).build());

        assertThat(kinds(acceptAll(verifier.forPartition(0), chain.records()))).containsExactly(Kind.BAD_SIGNATURE);
    }

    @Test
    void drawUnderAnUnknownAlgorithmIsReported() {
        final TestChain chain = new TestChain(0, KEY);
        final RandomReply reply = RandomReply.newBuilder(TestDraws.reply(0, 1, 1, 6, 1, false))
                .setAlgorithm("QUANTUM/v9").build();
        chain.append(TestDraws.auditOf(ReplySigner.sign(reply, KEY), 0, 1).build());

        assertThat(kinds(acceptAll(verifier.forPartition(0), chain.records())))
                .containsExactly(Kind.UNKNOWN_ALGORITHM);
    }

    @Test
    void numbersThatDoNotFollowFromTheSeedAreCaughtEvenWhenSigned() {
        // A processor bug (or a signing key in the wrong hands): the signature holds, the numbers do not.
        final TestChain chain = new TestChain(0, KEY);
        final RandomReply wrong = RandomReply.newBuilder(TestDraws.goldenReply())
                .setNumbers(List.of(1L, 2L, 3L, 4L, 5L, 6L)).build();
        chain.append(TestDraws.auditOf(ReplySigner.sign(wrong, KEY), 0, 1).build());

        final List<Finding> findings = acceptAll(verifier.forPartition(0), chain.records());

        assertThat(kinds(findings)).containsExactly(Kind.NUMBERS_MISMATCH);
        assertThat(findings.get(0).detail()).contains("numbers[0] is 1 but the seed gives 48");
    }

    @Test
    void sequenceZeroMustStartFromTheZeroHash() {
        final AuditRecord first = new TestChain(0, KEY).draws(1).records().get(0);
        final byte[] notZero = new byte[32];
        notZero[0] = 1;
        final AuditRecord rebased = AuditRecord.newBuilder(first).setPrevHash(ByteBuffer.wrap(notZero)).build();
        rebased.setHash(ByteBuffer.wrap(CanonicalEncoding.hash(CanonicalEncoding.auditEntry(0, rebased))));

        assertThat(kinds(verifier.forPartition(0).accept(0, rebased))).containsExactly(Kind.BROKEN_LINK);
    }

    @Test
    void summaryCountsFindings() {
        final List<AuditRecord> records = new TestChain(0, KEY).draws(6).records();
        records.remove(3);
        final PartitionVerifier partition = verifier.forPartition(0);

        acceptAll(partition, records);

        assertThat(partition.summary().findings()).isEqualTo(2);
        assertThat(partition.summary().ok()).isFalse();
    }

    private static List<Finding> acceptAll(final PartitionVerifier partition, final List<AuditRecord> records) {
        final List<Finding> findings = new ArrayList<>();
        for (int offset = 0; offset < records.size(); offset++) {
            findings.addAll(partition.accept(offset, records.get(offset)));
        }
        return findings;
    }

    private static List<Kind> kinds(final List<Finding> findings) {
        return findings.stream().map(Finding::kind).toList();
    }

    /** Re-links records as a forger who can compute SHA-256 would, after tampering with one of them. */
    private static List<AuditRecord> relink(final int partition, final List<AuditRecord> records) {
        final List<AuditRecord> relinked = new ArrayList<>();
        ChainHead head = null;
        for (final AuditRecord record : records) {
            final AuditRecord linked = ChainLink.link(partition, head, record);
            relinked.add(linked);
            head = ChainHead.of(linked);
        }
        return relinked;
    }

    private static RandomReply rejectedReply() {
        return RandomReply.newBuilder(TestDraws.reply(1, 50, 1, 6, 1, false))
                .setStatus(ReplyStatus.REJECTED)
                .setError(RequestError.newBuilder()
                        .setCode(ErrorCode.UNIQUE_COUNT_EXCEEDS_RANGE)
                        .setMessage("count 7 > range 6").build())
                .setNumbers(List.of()).setSeed(null).setSeedSource(null).build();
    }
}
