package io.rngstream.processor.audit;

import java.time.Instant;

/** Where and when a request was read, and the caller's context that travelled with it. */
public record RequestSource(String topic, int partition, long offset, Instant receivedAt, byte[] correlationId, String traceId) {

  /** The serial of a draw: unique per request record, as {@code partition:offset}. */
  public String serial() {
    return partition + ":" + offset;
  }
}
