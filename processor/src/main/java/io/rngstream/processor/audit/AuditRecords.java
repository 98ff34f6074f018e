package io.rngstream.processor.audit;

import io.rngstream.avro.AuditKind;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.RandomRequest;
import java.nio.ByteBuffer;

/** Builds audit records; everything in the reply is copied, so the trail alone can re-derive and check each draw. */
public final class AuditRecords {
  private final String instanceId;
  private final String version;

  public AuditRecords(final String instanceId, final String version) {
    this.instanceId = instanceId;
    this.version = version;
  }

  /** The processor version recorded in audit records. */
  public String version() {
    return version;
  }

  /** The (unlinked) audit record of a request that was answered with {@code reply} on {@code replyTopic}. */
  public AuditRecord of(final RandomRequest request, final RandomReply reply, final RequestSource source, final String replyTopic) {
    return builder(request, reply, source, replyTopic).build();
  }

  /** The (unlinked) audit record of a repeated request, answered with the original reply. */
  public AuditRecord duplicate(final RandomRequest request, final RandomReply original, final RequestSource source,
      final String replyTopic) {
    return builder(request, original, source, replyTopic)
        .setKind(AuditKind.DUPLICATE)
        .setDuplicateOf(original.getSerial())
        .build();
  }

  private AuditRecord.Builder builder(final RandomRequest request, final RandomReply reply, final RequestSource source,
      final String replyTopic) {
    return AuditRecord.newBuilder()
        .setRequestId(reply.getRequestId())
        .setClientId(reply.getClientId())
        .setMin(reply.getMin())
        .setMax(reply.getMax())
        .setCount(reply.getCount())
        .setUnique(reply.getUnique())
        .setRequestSeed(request.getSeed() == null ? null : request.getSeed().asReadOnlyBuffer())
        .setUserData(reply.getUserData())
        .setRequestedAt(request.getRequestedAt())
        .setStatus(reply.getStatus())
        .setError(reply.getError())
        .setNumbers(reply.getNumbers())
        .setSeed(reply.getSeed() == null ? null : reply.getSeed().asReadOnlyBuffer())
        .setSeedSource(reply.getSeedSource())
        .setAlgorithm(reply.getAlgorithm())
        .setSerial(reply.getSerial())
        .setSourceTopic(source.topic())
        .setSourcePartition(source.partition())
        .setSourceOffset(source.offset())
        .setReplyTopic(replyTopic)
        .setCorrelationId(source.correlationId() == null ? null : ByteBuffer.wrap(source.correlationId()))
        .setProcessorInstanceId(instanceId)
        .setProcessorVersion(version)
        .setReceivedAt(source.receivedAt())
        .setGeneratedAt(reply.getGeneratedAt())
        .setTraceId(source.traceId())
        .setKind(AuditKind.DRAW)
        .setSignature(reply.getSignature() == null ? null : reply.getSignature().asReadOnlyBuffer())
        .setKeyId(reply.getKeyId());
  }
}
