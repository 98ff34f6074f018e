package io.rngstream.processor.ratelimit;

import java.nio.ByteBuffer;

/** The two buckets of one client: tokens left in each, and when they were last refilled (epoch ms). */
public record BucketState(double requestTokens, double numberTokens, long refilledAtMs) {
  private static final int BYTES = Double.BYTES * 2 + Long.BYTES;

  /** Fixed-size binary form for the state store and its changelog. */
  public byte[] encode() {
    return ByteBuffer.allocate(BYTES).putDouble(requestTokens).putDouble(numberTokens).putLong(refilledAtMs).array();
  }

  /** The state encoded by {@link #encode()}; anything else is treated as no state (a full bucket). */
  public static BucketState decode(final byte[] bytes) {
    if (bytes == null || bytes.length != BYTES) {
      return null;
    }
    final ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new BucketState(buffer.getDouble(), buffer.getDouble(), buffer.getLong());
  }
}
