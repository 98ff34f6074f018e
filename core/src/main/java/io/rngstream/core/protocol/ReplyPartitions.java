package io.rngstream.core.protocol;

import java.nio.ByteBuffer;
import java.util.OptionalInt;

/** Codec of the {@link Headers#REPLY_PARTITION} header: a 4-byte big-endian int. */
public final class ReplyPartitions {
  private ReplyPartitions() {
  }

  /** The header value for a partition. */
  public static byte[] encode(final int partition) {
    return ByteBuffer.allocate(Integer.BYTES).putInt(partition).array();
  }

  /** The partition in a header value, or empty when it is not exactly 4 bytes. */
  public static OptionalInt decode(final byte[] value) {
    if (value == null || value.length != Integer.BYTES) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(ByteBuffer.wrap(value).getInt());
  }
}
