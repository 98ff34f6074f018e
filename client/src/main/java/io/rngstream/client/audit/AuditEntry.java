package io.rngstream.client.audit;

/** One record of an audit partition as read: its offset and its undecoded value. */
public record AuditEntry(long offset, byte[] value) {
}
