package io.rngstream.client.audit;

import io.rngstream.avro.AuditKind;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.RandomReply;
import java.util.Optional;

/** Rebuilds the reply a DRAW or DUPLICATE audit record was written with, original signature included. */
public final class AuditReplies {
  private AuditReplies() {
  }

  /** The reply the record stands for; empty for a CHECKPOINT record, which answered no request. */
  public static Optional<RandomReply> replyOf(final AuditRecord record) {
    final AuditKind kind = record.getKind() == null ? AuditKind.DRAW : record.getKind();
    if (kind == AuditKind.CHECKPOINT) {
      return Optional.empty();
    }
    return Optional.of(RandomReply.newBuilder()
        .setRequestId(record.getRequestId())
        .setClientId(record.getClientId())
        .setStatus(record.getStatus())
        .setError(record.getError())
        .setNumbers(record.getNumbers())
        .setMin(record.getMin())
        .setMax(record.getMax())
        .setCount(record.getCount())
        .setUnique(record.getUnique())
        .setSeed(record.getSeed())
        .setSeedSource(record.getSeedSource())
        .setAlgorithm(record.getAlgorithm())
        .setSerial(record.getSerial())
        .setUserData(record.getUserData())
        .setGeneratedAt(record.getGeneratedAt())
        .setSignature(record.getSignature())
        .setKeyId(record.getKeyId())
        .setDuplicate(kind == AuditKind.DUPLICATE)
        .build());
  }
}
