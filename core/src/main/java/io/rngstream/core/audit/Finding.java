package io.rngstream.core.audit;

import java.util.Objects;

/**
 * One failed check of one audit record.
 *
 * @param partition the audit partition
 * @param offset    the record's offset in that partition
 * @param kind      what failed
 * @param detail    the failure in words, naming the values involved
 */
public record Finding(int partition, long offset, Kind kind, String detail) {

    /** What a failed check says about the record. */
    public enum Kind {
        /** The draw or checkpoint signature is missing or does not verify with the named key: altered or forged. */
        BAD_SIGNATURE,
        /** The signature names a key that is not in the key ring: signed by someone else, or the ring is stale. */
        UNKNOWN_KEY,
        /** The numbers are not what the recorded algorithm gives for the recorded seed and spec. */
        NUMBERS_MISMATCH,
        /** The record names a draw algorithm this verifier does not know, so its numbers cannot be re-derived. */
        UNKNOWN_ALGORITHM,
        /** The stored hash is not the hash of the record's canonical encoding: the record was altered. */
        HASH_MISMATCH,
        /** prevHash is not the hash of the previous record: a record was removed, reordered or forked in. */
        BROKEN_LINK,
        /** The sequence skips ahead: records are missing. */
        SEQUENCE_GAP,
        /** The sequence is lower than or equal to one already seen: records swapped or duplicated. */
        SEQUENCE_REORDERED,
        /** The record says it belongs to another partition: copied from there. */
        WRONG_PARTITION,
        /** The checkpoint's signature is invalid, or it covers a sequence and hash this verifier did not see. */
        BAD_CHECKPOINT,
        /** The record has no sequence, prevHash or hash: written by something that is not the processor. */
        UNCHAINED
    }

    /** Rejects nulls. */
    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return "partition " + partition + " offset " + offset + ": " + kind + ": " + detail;
    }
}
