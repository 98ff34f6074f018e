package io.rngstream.core.audit;

import io.rngstream.avro.AuditKind;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.Checkpoint;
import io.rngstream.core.signing.KeyRing;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Verifies one audit partition record by record, in offset order, keeping only what the next record needs: usable on
 * a bounded read and on an endless one ({@code --follow}). Not thread-safe: one thread per partition.
 *
 * <p>The checks and what each finding means are in docs/verification.md, section "Verifying the audit trail".
 */
public final class PartitionVerifier {

    /**
     * Most chained records remembered between two valid checkpoints (about 25 MB); a checkpoint that covers an older
     * one cannot be confirmed and covers nothing. The processor checkpoints far more often.
     */
    public static final int MAX_UNCHECKPOINTED = 1 << 18;

    private static final HexFormat HEX = HexFormat.of();

    /** A chained record since the last valid checkpoint; {@code countedThrough}: {@link #counted} just after it. */
    private record Seen(long sequence, byte[] hash, long offset, long countedThrough) {
    }

    private final int partition;
    private final KeyRing keys;

    private long records;
    private long findings;
    private long firstSequence = -1;
    private long headSequence = -1;
    private byte[] headHash;
    /** Records that need a checkpoint (all but valid CHECKPOINT records) read so far. */
    private long counted;
    /** {@link #counted} just after the record the last valid checkpoint covers. */
    private long coveredThrough;
    private CheckpointMark lastCheckpoint;
    private byte[] lastCheckpointHash;
    /** Highest sequence dropped from {@link #sinceCheckpoint} because it was full, or -1. */
    private long forgottenThrough = -1;
    private final Deque<Seen> sinceCheckpoint = new ArrayDeque<>();

    PartitionVerifier(final int partition, final KeyRing keys) {
        this.partition = partition;
        this.keys = keys;
    }

    /**
     * Checks the next record of the partition and remembers what later records and checkpoints are checked against.
     *
     * @param offset the record's offset (only reported, records must still come in offset order)
     * @param record the record as read
     * @return what is wrong with it, empty if nothing
     */
    public List<Finding> accept(final long offset, final AuditRecord record) {
        records++;
        final List<Finding> found = new ArrayList<>(0);
        final AuditKind kind = record.getKind() == null ? AuditKind.DRAW : record.getKind();

        if (record.getSourcePartition() != partition) {
            found.add(finding(offset, Finding.Kind.WRONG_PARTITION, "sourcePartition is " + record.getSourcePartition()
                    + ", read from partition " + partition));
        }

        byte[] drawEncoding = null;
        try {
            drawEncoding = CanonicalEncoding.drawFromAudit(record);
        } catch (final IllegalArgumentException e) {
            found.add(finding(offset, Finding.Kind.HASH_MISMATCH, "cannot encode the record: " + e.getMessage()));
        }

        final boolean chained = record.getSequence() != null && record.getPrevHash() != null && record.getHash() != null;
        byte[] storedHash = null;
        boolean extendsChain = false;
        if (!chained) {
            found.add(finding(offset, Finding.Kind.UNCHAINED, "no " + missingChainFields(record)
                    + ": not written by the processor"));
        } else {
            storedHash = ChainHead.bytes(record.getHash());
            if (drawEncoding != null) {
                checkHash(offset, record, drawEncoding, storedHash, found);
            }
            extendsChain = checkLink(offset, record, storedHash, found);
        }

        boolean validCheckpoint = false;
        if (kind == AuditKind.CHECKPOINT) {
            validCheckpoint = checkCheckpoint(offset, record, chained, found);
        } else if (drawEncoding != null) {
            checkDraw(offset, record, drawEncoding, found);
        }

        if (!validCheckpoint) {
            counted++;
        }
        if (extendsChain) {
            headSequence = record.getSequence();
            headHash = storedHash;
            if (firstSequence < 0) {
                firstSequence = headSequence;
            }
            sinceCheckpoint.addLast(new Seen(headSequence, storedHash, offset, counted));
            if (sinceCheckpoint.size() > MAX_UNCHECKPOINTED) {
                forgottenThrough = sinceCheckpoint.removeFirst().sequence();
            }
        }
        findings += found.size();
        return found.isEmpty() ? List.of() : List.copyOf(found);
    }

    /**
     * What has been seen so far; cheap, may be called after every record.
     *
     * @return the summary
     */
    public PartitionSummary summary() {
        return new PartitionSummary(partition, records,
                firstSequence < 0 ? OptionalLong.empty() : OptionalLong.of(firstSequence),
                headSequence < 0 ? OptionalLong.empty() : OptionalLong.of(headSequence),
                Optional.ofNullable(lastCheckpoint), counted - coveredThrough, findings, findings == 0);
    }

    /** The audit partition this verifier checks. */
    public int partition() {
        return partition;
    }

    private void checkHash(final long offset, final AuditRecord record, final byte[] drawEncoding,
            final byte[] storedHash, final List<Finding> found) {
        final byte[] computed;
        try {
            computed = CanonicalEncoding.hash(CanonicalEncoding.auditEntry(partition, record, drawEncoding));
        } catch (final IllegalArgumentException e) {
            found.add(finding(offset, Finding.Kind.HASH_MISMATCH, "cannot encode the record: " + e.getMessage()));
            return;
        }
        if (!Arrays.equals(computed, storedHash)) {
            found.add(finding(offset, Finding.Kind.HASH_MISMATCH, "sequence " + record.getSequence() + ": hash is "
                    + HEX.formatHex(storedHash) + " but the record (as partition " + partition + ") hashes to "
                    + HEX.formatHex(computed)));
        }
    }

    /** Checks sequence and prevHash; returns whether the record becomes the new chain head. */
    private boolean checkLink(final long offset, final AuditRecord record, final byte[] storedHash,
            final List<Finding> found) {
        final long sequence = record.getSequence();
        final byte[] prevHash = ChainHead.bytes(record.getPrevHash());
        if (storedHash.length != CanonicalEncoding.HASH_LENGTH) {
            found.add(finding(offset, Finding.Kind.HASH_MISMATCH, "hash is " + storedHash.length + " bytes, not "
                    + CanonicalEncoding.HASH_LENGTH));
        }
        if (headHash == null) {
            // The first chained record read: its predecessor is known only when it is the start of the chain.
            if (sequence == 0 && !Arrays.equals(prevHash, CanonicalEncoding.zeroHash())) {
                found.add(finding(offset, Finding.Kind.BROKEN_LINK, "sequence 0 has prevHash "
                        + HEX.formatHex(prevHash) + ", not 32 zero bytes"));
            }
            if (sequence < 0) {
                found.add(finding(offset, Finding.Kind.SEQUENCE_REORDERED, "negative sequence " + sequence));
                return false;
            }
            return true;
        }
        final long expected = headSequence + 1;
        if (sequence < expected) {
            found.add(finding(offset, Finding.Kind.SEQUENCE_REORDERED, "sequence " + sequence + " after sequence "
                    + headSequence + " (expected " + expected + "): swapped, duplicated or forked in"));
            return false;
        }
        if (sequence > expected) {
            found.add(finding(offset, Finding.Kind.SEQUENCE_GAP, "sequence " + sequence + " follows sequence "
                    + headSequence + ": " + (sequence - expected) + " record(s) missing, from sequence " + expected));
        }
        if (!Arrays.equals(prevHash, headHash)) {
            found.add(finding(offset, Finding.Kind.BROKEN_LINK, "sequence " + sequence + " has prevHash "
                    + HEX.formatHex(prevHash) + " but sequence " + headSequence + " has hash " + HEX.formatHex(headHash)));
        }
        return true;
    }

    private void checkDraw(final long offset, final AuditRecord record, final byte[] drawEncoding,
            final List<Finding> found) {
        final String keyId = record.getKeyId();
        if (record.getSignature() == null || keyId == null) {
            found.add(finding(offset, Finding.Kind.BAD_SIGNATURE, "serial " + record.getSerial()
                    + ": the draw is not signed"));
        } else if (keys.find(keyId).isEmpty()) {
            found.add(finding(offset, Finding.Kind.UNKNOWN_KEY, "serial " + record.getSerial() + ": signed with key "
                    + keyId + ", which is not in the key ring"));
        } else if (!keys.verify(keyId, drawEncoding, ChainHead.bytes(record.getSignature()))) {
            found.add(finding(offset, Finding.Kind.BAD_SIGNATURE, "serial " + record.getSerial()
                    + ": the signature does not verify with key " + keyId + ": the draw was altered"));
        }
        DrawCheck.check(record.getStatus(), record.getAlgorithm(), record.getSeed(), record.getMin(), record.getMax(),
                        record.getCount(), record.getUnique(), record.getNumbers())
                .ifPresent(problem -> found.add(finding(offset, problem.kind(),
                        "serial " + record.getSerial() + ": " + problem.detail())));
    }

    /**
     * Checks a CHECKPOINT record; returns whether it is valid: signed by a trusted key, for this partition, covering
     * a record this verifier saw, and itself on the chain (a copy stripped of its chain fields covers nothing).
     */
    private boolean checkCheckpoint(final long offset, final AuditRecord record, final boolean chained,
            final List<Finding> found) {
        final Checkpoint checkpoint = record.getCheckpoint();
        if (checkpoint == null) {
            found.add(finding(offset, Finding.Kind.BAD_CHECKPOINT, "a CHECKPOINT record without a checkpoint"));
            return false;
        }
        final int before = found.size();
        if (checkpoint.getPartition() != partition) {
            found.add(finding(offset, Finding.Kind.WRONG_PARTITION, "the checkpoint is for partition "
                    + checkpoint.getPartition() + ", read from partition " + partition));
        }
        final byte[] hash = checkpoint.getHash() == null ? new byte[0] : ChainHead.bytes(checkpoint.getHash());
        final String keyId = checkpoint.getKeyId();
        if (keyId == null || keys.find(keyId).isEmpty()) {
            found.add(finding(offset, Finding.Kind.UNKNOWN_KEY, "the checkpoint is signed with key " + keyId
                    + ", which is not in the key ring"));
        } else if (checkpoint.getSignature() == null || checkpoint.getTime() == null
                || !keys.verify(keyId, CanonicalEncoding.checkpoint(checkpoint.getPartition(), checkpoint.getSequence(),
                hash, checkpoint.getTime().toEpochMilli()), ChainHead.bytes(checkpoint.getSignature()))) {
            found.add(finding(offset, Finding.Kind.BAD_CHECKPOINT, "the checkpoint signature does not verify with key "
                    + keyId));
        }
        final long covered = checkpoint.getSequence();
        final Seen seen = find(covered);
        if (seen != null) {
            if (!Arrays.equals(seen.hash(), hash)) {
                found.add(finding(offset, Finding.Kind.BAD_CHECKPOINT, "the checkpoint covers sequence " + covered
                        + " with hash " + HEX.formatHex(hash) + " but that record has hash "
                        + HEX.formatHex(seen.hash())));
            }
        } else if (lastCheckpoint != null && lastCheckpoint.coveredSequence() == covered
                && Arrays.equals(lastCheckpointHash, hash)) {
            // Signs the same head as the previous checkpoint: valid, covers nothing new.
            return chained && found.size() == before;
        } else if (firstSequence >= 0 && covered >= firstSequence && covered > forgottenThrough) {
            found.add(finding(offset, Finding.Kind.BAD_CHECKPOINT, "the checkpoint covers sequence " + covered
                    + ", which is not a record of this chain since the last checkpoint (head is " + headSequence + ")"));
        } else {
            // Covers a record before the first one read (a read that starts mid-partition) or one too old to be
            // remembered: cannot be confirmed either way.
            return false;
        }
        if (found.size() != before || seen == null || !chained) {
            return false;
        }
        lastCheckpoint = new CheckpointMark(covered, record.getSequence(), offset, checkpoint.getTime().toEpochMilli());
        lastCheckpointHash = hash;
        coveredThrough = seen.countedThrough();
        // Records up to the covered one are fixed now; later ones wait for the next checkpoint.
        while (sinceCheckpoint.peekFirst() != seen) {
            sinceCheckpoint.removeFirst();
        }
        sinceCheckpoint.removeFirst();
        return true;
    }

    private Seen find(final long sequence) {
        // The covered record is almost always the last one: search from the newest.
        final Iterator<Seen> newestFirst = sinceCheckpoint.descendingIterator();
        while (newestFirst.hasNext()) {
            final Seen seen = newestFirst.next();
            if (seen.sequence() == sequence) {
                return seen;
            }
        }
        return null;
    }

    private static String missingChainFields(final AuditRecord record) {
        final List<String> missing = new ArrayList<>(3);
        if (record.getSequence() == null) {
            missing.add("sequence");
        }
        if (record.getPrevHash() == null) {
            missing.add("prevHash");
        }
        if (record.getHash() == null) {
            missing.add("hash");
        }
        return String.join(", ", missing);
    }

    private Finding finding(final long offset, final Finding.Kind kind, final String detail) {
        return new Finding(partition, offset, kind, detail);
    }

}
