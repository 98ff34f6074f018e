package io.rngstream.core.audit;

import io.rngstream.avro.AuditKind;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.Checkpoint;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.core.signing.SigningKey;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Appends audit records to a partition's hash chain, and builds the CHECKPOINT records that sign its head.
 *
 * <p>The processor keeps the {@link ChainHead} of each partition in a state store and, for every audit record,
 * calls {@link #link}, writes the result and stores {@link ChainHead#of(AuditRecord)} as the new head.
 */
public final class ChainLink {

    /** requestId of every CHECKPOINT record (a placeholder: a checkpoint answers no request). */
    public static final String CHECKPOINT_REQUEST_ID = "checkpoint";
    /** clientId of every CHECKPOINT record. */
    public static final String CHECKPOINT_CLIENT_ID = "rng-processor";
    /** serial of every CHECKPOINT record. */
    public static final String CHECKPOINT_SERIAL = "checkpoint";
    /** sourceOffset of every CHECKPOINT record: it was read from no request. */
    public static final long CHECKPOINT_SOURCE_OFFSET = -1L;

    private ChainLink() {
    }

    /**
     * The record with its place in the chain: sequence {@code head.sequence + 1} (0 on an empty chain), prevHash the
     * head's hash (32 zero bytes on an empty chain), and hash over its canonical encoding.
     *
     * @param partition the audit partition the record will be written to
     * @param head      the partition's chain head, or {@code null} for an empty chain
     * @param unlinked  a complete record without sequence, prevHash and hash (any values there are replaced)
     * @return a linked copy; {@code unlinked} is not modified
     * @throws IllegalArgumentException if a field that is not optional is null
     */
    public static AuditRecord link(final int partition, final ChainHead head, final AuditRecord unlinked) {
        return link(partition, head, AuditRecord.newBuilder(unlinked));
    }

    /**
     * Like {@link #link(int, ChainHead, AuditRecord)}, for a record still being built (saves a copy).
     *
     * @param partition the audit partition the record will be written to
     * @param head      the partition's chain head, or {@code null} for an empty chain
     * @param unlinked  a builder with every other field set; its sequence, prevHash and hash are overwritten
     * @return the linked record
     */
    public static AuditRecord link(final int partition, final ChainHead head, final AuditRecord.Builder unlinked) {
        final long sequence = head == null ? 0L : Math.addExact(head.sequence(), 1L);
        final byte[] prevHash = head == null ? CanonicalEncoding.zeroHash() : head.hash();
        final AuditRecord linked = unlinked
                .setSequence(sequence)
                .setPrevHash(ByteBuffer.wrap(prevHash))
                .setHash(null)
                .build();
        linked.setHash(ByteBuffer.wrap(CanonicalEncoding.hash(CanonicalEncoding.auditEntry(partition, linked))));
        return linked;
    }

    /**
     * An unlinked CHECKPOINT record that signs the chain head; pass it to {@link #link} like any other record.
     *
     * <p>Its request fields are placeholders, listed in docs/verification.md: requestId {@value #CHECKPOINT_REQUEST_ID},
     * clientId {@value #CHECKPOINT_CLIENT_ID}, min = max = 0, count 0, unique false, status OK, no error, numbers
     * empty, no seeds, serial {@value #CHECKPOINT_SERIAL}, sourcePartition = partition, sourceOffset -1, replyTopic
     * empty, requestedAt = receivedAt = generatedAt = the checkpoint time; no draw signature or keyId.
     *
     * @param partition           the audit partition
     * @param head                the chain head to sign (the record before this checkpoint)
     * @param timeMillis          the checkpoint time, epoch milliseconds
     * @param key                 the processor's signing key
     * @param algorithm           the id of the current draw algorithm
     * @param processorInstanceId which processor instance signs
     * @param processorVersion    its version
     * @param sourceTopic         the request topic the partition belongs to
     * @return a CHECKPOINT record without sequence, prevHash and hash
     */
    public static AuditRecord checkpointRecord(final int partition, final ChainHead head, final long timeMillis,
            final SigningKey key, final String algorithm, final String processorInstanceId,
            final String processorVersion, final String sourceTopic) {
        Objects.requireNonNull(head, "head: an empty chain has nothing to checkpoint");
        Objects.requireNonNull(key, "key");
        final byte[] signature = key.sign(
                CanonicalEncoding.checkpoint(partition, head.sequence(), head.hash(), timeMillis));
        final Instant time = Instant.ofEpochMilli(timeMillis);
        final Checkpoint checkpoint = Checkpoint.newBuilder()
                .setPartition(partition)
                .setSequence(head.sequence())
                .setHash(ByteBuffer.wrap(head.hash()))
                .setTime(time)
                .setSignature(ByteBuffer.wrap(signature))
                .setKeyId(key.keyId())
                .build();
        return AuditRecord.newBuilder()
                .setKind(AuditKind.CHECKPOINT)
                .setRequestId(CHECKPOINT_REQUEST_ID)
                .setClientId(CHECKPOINT_CLIENT_ID)
                .setMin(0L)
                .setMax(0L)
                .setCount(0)
                .setUnique(false)
                .setRequestSeed(null)
                .setUserData(null)
                .setRequestedAt(time)
                .setStatus(ReplyStatus.OK)
                .setError(null)
                .setNumbers(List.of())
                .setSeed(null)
                .setSeedSource(null)
                .setAlgorithm(algorithm)
                .setSerial(CHECKPOINT_SERIAL)
                .setSourceTopic(sourceTopic)
                .setSourcePartition(partition)
                .setSourceOffset(CHECKPOINT_SOURCE_OFFSET)
                .setReplyTopic("")
                .setCorrelationId(null)
                .setProcessorInstanceId(processorInstanceId)
                .setProcessorVersion(processorVersion)
                .setReceivedAt(time)
                .setGeneratedAt(time)
                .setTraceId(null)
                .setSignature(null)
                .setKeyId(null)
                .setDuplicateOf(null)
                .setCheckpoint(checkpoint)
                .build();
    }
}
