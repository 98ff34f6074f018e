package io.rngstream.client.sdk;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;

/**
 * The 16 random bytes that tie a reply to its request (header {@code kafka_correlationId}). Two longs rather than
 * a byte array, so it is a map key with value equality and no copying.
 */
record CorrelationId(long high, long low) {
  static final int BYTES = 16;

  /** A fresh id; pass a {@code SecureRandom} so that other clients cannot guess ids and answer in our place. */
  static CorrelationId random(final Random random) {
    return new CorrelationId(random.nextLong(), random.nextLong());
  }

  /** The id in a header value, or empty when the value is not 16 bytes (so not ours). */
  static Optional<CorrelationId> fromBytes(final byte[] value) {
    if (value == null || value.length != BYTES) {
      return Optional.empty();
    }
    final ByteBuffer buffer = ByteBuffer.wrap(value);
    return Optional.of(new CorrelationId(buffer.getLong(), buffer.getLong()));
  }

  /** The header value. */
  byte[] toBytes() {
    return ByteBuffer.allocate(BYTES).putLong(high).putLong(low).array();
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(toBytes());
  }
}
