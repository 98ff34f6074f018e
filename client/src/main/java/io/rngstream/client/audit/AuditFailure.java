package io.rngstream.client.audit;

import io.rngstream.core.audit.Finding;

/**
 * One thing wrong in the audit trail, at a partition and offset: a verifier {@link Finding}, or a record that could
 * not be read as an {@code AuditRecord} at all (kind {@value #UNREADABLE}).
 */
public record AuditFailure(int partition, long offset, String kind, String detail) {
  /** The kind of a record whose bytes are not an {@code AuditRecord} of the contract. */
  public static final String UNREADABLE = "UNREADABLE";

  /** The failure a verifier finding stands for. */
  public static AuditFailure of(final Finding finding) {
    return new AuditFailure(finding.partition(), finding.offset(), finding.kind().name(), finding.detail());
  }

  @Override
  public String toString() {
    return "partition " + partition + " offset " + offset + ": " + kind + ": " + detail;
  }
}
