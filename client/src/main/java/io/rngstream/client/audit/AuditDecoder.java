package io.rngstream.client.audit;

import io.rngstream.avro.AuditRecord;

/** Turns a record value of the audit topic into an {@link AuditRecord}; one per partition lane, so not shared. */
public interface AuditDecoder extends AutoCloseable {
  /**
   * The record, or an exception whose message says why the bytes are not one.
   *
   * @throws RuntimeException when the value is not an {@code AuditRecord}
   */
  AuditRecord decode(String topic, byte[] value);

  @Override
  default void close() {
  }
}
