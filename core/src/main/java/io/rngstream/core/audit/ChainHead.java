package io.rngstream.core.audit;

import io.rngstream.avro.AuditRecord;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The last record of one audit partition's hash chain: what the next record links to.
 *
 * @param sequence the record's sequence, 0 or more
 * @param hash     the record's 32-byte hash; copied in and out
 */
public record ChainHead(long sequence, byte[] hash) {

    /** Version byte that starts {@link #toBytes()}. */
    private static final byte FORMAT_V1 = 1;
    /** Length of {@link #toBytes()}: version, sequence, hash. */
    public static final int BYTES = 1 + Long.BYTES + CanonicalEncoding.HASH_LENGTH;

    /** Copies the hash and checks the values. */
    public ChainHead {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be 0 or more, was " + sequence);
        }
        if (hash == null || hash.length != CanonicalEncoding.HASH_LENGTH) {
            throw new IllegalArgumentException("hash must be " + CanonicalEncoding.HASH_LENGTH + " bytes");
        }
        hash = hash.clone();
    }

    /**
     * The head a linked record makes.
     *
     * @param linked a record returned by {@link ChainLink#link}
     * @return its sequence and hash
     * @throws IllegalArgumentException if the record is not linked
     */
    public static ChainHead of(final AuditRecord linked) {
        if (linked.getSequence() == null || linked.getHash() == null) {
            throw new IllegalArgumentException("the record is not linked: it has no sequence or hash");
        }
        return new ChainHead(linked.getSequence(), bytes(linked.getHash()));
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    /**
     * The state-store form: version byte 0x01, sequence as 8 bytes big-endian, the 32-byte hash (41 bytes).
     *
     * @return a fresh array of {@link #BYTES} bytes
     */
    public byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).put(FORMAT_V1).putLong(sequence).put(hash).array();
    }

    /**
     * Reads the state-store form.
     *
     * @param bytes the output of {@link #toBytes()}
     * @return the head
     * @throws IllegalArgumentException if the bytes are not a version-1 head
     */
    public static ChainHead fromBytes(final byte[] bytes) {
        if (bytes == null || bytes.length != BYTES || bytes[0] != FORMAT_V1) {
            throw new IllegalArgumentException("not a chain head: expected " + BYTES + " bytes starting with "
                    + FORMAT_V1 + (bytes == null ? ", got null" : ", got " + bytes.length + " bytes"));
        }
        final ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, BYTES - 1);
        final long sequence = buffer.getLong();
        final byte[] hash = new byte[CanonicalEncoding.HASH_LENGTH];
        buffer.get(hash);
        return new ChainHead(sequence, hash);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof ChainHead head && sequence == head.sequence && Arrays.equals(hash, head.hash);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(sequence) + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "ChainHead[sequence=" + sequence + ", hash=" + HexFormat.of().formatHex(hash) + "]";
    }

    static byte[] bytes(final ByteBuffer buffer) {
        final ByteBuffer view = buffer.duplicate();
        final byte[] copy = new byte[view.remaining()];
        view.get(copy);
        return copy;
    }
}
