package io.rngstream.core.audit;

import io.rngstream.avro.AuditKind;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.Checkpoint;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.avro.RequestError;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;

/**
 * The byte strings that signatures and hashes cover, specified byte by byte in docs/verification.md.
 *
 * <p>Every encoding starts with a versioned domain-separation label, so a signature over one kind of message can never
 * be replayed as another. Frozen: a change to any output is a new label ({@code .../v2}).
 */
public final class CanonicalEncoding {

    /** Label that starts the encoding of a draw (what a reply's signature covers). */
    public static final String DRAW_LABEL = "rng-stream/draw/v1";
    /** Label that starts the encoding of an audit entry (what an audit record's hash covers). */
    public static final String AUDIT_LABEL = "rng-stream/audit/v1";
    /** Label that starts the encoding of a checkpoint (what a checkpoint's signature covers). */
    public static final String CHECKPOINT_LABEL = "rng-stream/checkpoint/v1";
    /** Length in bytes of a chain hash (SHA-256). */
    public static final int HASH_LENGTH = 32;

    private static final byte[] ZERO = new byte[HASH_LENGTH];

    /** The prevHash of sequence 0: 32 zero bytes. A shared array that nothing here reads: {@link #zeroHash()} is safer. */
    public static final byte[] ZERO_HASH = ZERO.clone();

    private CanonicalEncoding() {
    }

    /**
     * The prevHash of sequence 0, as a fresh array (Java cannot make {@link #ZERO_HASH} immutable).
     *
     * @return 32 zero bytes
     */
    public static byte[] zeroHash() {
        return ZERO.clone();
    }

    /**
     * What a reply's signature covers: the draw, without signature, keyId and duplicate.
     *
     * @param reply a reply, signed or not
     * @return the canonical draw encoding
     * @throws IllegalArgumentException if a field that is not optional is null
     */
    public static byte[] draw(final RandomReply reply) {
        return draw(reply.getRequestId(), reply.getClientId(), reply.getMin(), reply.getMax(), reply.getCount(),
                reply.getUnique(), reply.getStatus(), reply.getError(), reply.getNumbers(), reply.getSeed(),
                reply.getSeedSource(), reply.getAlgorithm(), reply.getSerial(), reply.getUserData(),
                reply.getGeneratedAt());
    }

    /**
     * The draw encoding rebuilt from the reply fields an audit record copies; equals {@link #draw(RandomReply)} of
     * the reply the record was written with.
     *
     * @param record an audit record
     * @return the canonical draw encoding
     * @throws IllegalArgumentException if a field that is not optional is null
     */
    public static byte[] drawFromAudit(final AuditRecord record) {
        return draw(record.getRequestId(), record.getClientId(), record.getMin(), record.getMax(), record.getCount(),
                record.getUnique(), record.getStatus(), record.getError(), record.getNumbers(), record.getSeed(),
                record.getSeedSource(), record.getAlgorithm(), record.getSerial(), record.getUserData(),
                record.getGeneratedAt());
    }

    /**
     * What an audit record's hash covers: every field of the record except {@code hash}, bound to the partition.
     *
     * @param partition the audit partition the record is (to be) written to
     * @param record    a record with {@code sequence} and {@code prevHash} set
     * @return the canonical audit entry encoding
     * @throws IllegalArgumentException if sequence or prevHash is missing, or a field that is not optional is null
     */
    public static byte[] auditEntry(final int partition, final AuditRecord record) {
        return auditEntry(partition, record, drawFromAudit(record));
    }

    /** {@link #auditEntry(int, AuditRecord)} with the record's draw encoding already computed. */
    static byte[] auditEntry(final int partition, final AuditRecord record, final byte[] drawEncoding) {
        if (record.getSequence() == null) {
            throw new IllegalArgumentException("sequence is null: the record is not chained");
        }
        final AuditKind kind = record.getKind() == null ? AuditKind.DRAW : record.getKind();
        final RequestError error = record.getError();
        final CanonicalWriter out = new CanonicalWriter(drawEncoding.length + 512)
                .string("label", AUDIT_LABEL)
                .int32(partition)
                .int64(record.getSequence())
                .bytes("prevHash", record.getPrevHash())
                .string("kind", kind.name())
                .bytes("draw", drawEncoding)
                .nullableString(error == null ? null : error.getMessage())
                .nullableBytes(record.getSignature())
                .nullableString(record.getKeyId())
                .string("sourceTopic", record.getSourceTopic())
                .int32(record.getSourcePartition())
                .int64(record.getSourceOffset())
                .string("replyTopic", record.getReplyTopic())
                .int64(millis("receivedAt", record.getReceivedAt()))
                .int64(millis("requestedAt", record.getRequestedAt()))
                .nullableBytes(record.getRequestSeed())
                .nullableBytes(record.getCorrelationId())
                .string("processorInstanceId", record.getProcessorInstanceId())
                .string("processorVersion", record.getProcessorVersion())
                .nullableString(record.getTraceId())
                .nullableString(record.getDuplicateOf());
        final Checkpoint checkpoint = record.getCheckpoint();
        out.bool(checkpoint != null);
        if (checkpoint != null) {
            out.int32(checkpoint.getPartition())
                    .int64(checkpoint.getSequence())
                    .bytes("checkpoint.hash", checkpoint.getHash())
                    .int64(millis("checkpoint.time", checkpoint.getTime()))
                    .bytes("checkpoint.signature", checkpoint.getSignature())
                    .string("checkpoint.keyId", checkpoint.getKeyId());
        }
        return out.toByteArray();
    }

    /**
     * What a checkpoint's signature covers: the chain head of one partition at a time.
     *
     * @param partition  the audit partition
     * @param sequence   sequence of the last record covered
     * @param hash       that record's hash
     * @param timeMillis when the checkpoint was made, epoch milliseconds
     * @return the canonical checkpoint encoding
     */
    public static byte[] checkpoint(final int partition, final long sequence, final byte[] hash, final long timeMillis) {
        return new CanonicalWriter(96)
                .string("label", CHECKPOINT_LABEL)
                .int32(partition)
                .int64(sequence)
                .bytes("hash", hash)
                .int64(timeMillis)
                .toByteArray();
    }

    /**
     * The chain hash of an audit entry.
     *
     * @param auditEntry the output of {@link #auditEntry(int, AuditRecord)}
     * @return SHA-256 of it, 32 bytes
     */
    public static byte[] hash(final byte[] auditEntry) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(auditEntry);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static byte[] draw(final String requestId, final String clientId, final long min, final long max,
            final int count, final boolean unique, final ReplyStatus status, final RequestError error,
            final List<Long> numbers, final ByteBuffer seed, final String seedSource, final String algorithm,
            final String serial, final String userData, final Instant generatedAt) {
        if (status == null) {
            throw new IllegalArgumentException("status is null but is not optional");
        }
        final String errorCode = error == null || error.getCode() == null ? "" : error.getCode().name();
        return new CanonicalWriter(256 + 8 * (numbers == null ? 0 : numbers.size()))
                .string("label", DRAW_LABEL)
                .string("requestId", requestId)
                .string("clientId", clientId)
                .int64(min)
                .int64(max)
                .int32(count)
                .bool(unique)
                .string("status", status.name())
                .string("error.code", errorCode)
                .longs("numbers", numbers)
                .nullableBytes(seed)
                .nullableString(seedSource)
                .string("algorithm", algorithm)
                .string("serial", serial)
                .nullableString(userData)
                .int64(millis("generatedAt", generatedAt))
                .toByteArray();
    }

    private static long millis(final String field, final Instant instant) {
        if (instant == null) {
            throw new IllegalArgumentException(field + " is null but is not optional");
        }
        // Avro's timestamp-millis keeps whole milliseconds (rounding towards negative infinity), and so does this.
        return instant.toEpochMilli();
    }
}
