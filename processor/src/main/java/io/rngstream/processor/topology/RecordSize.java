package io.rngstream.processor.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The bytes a request record occupies (key, value, header names and values) and the check against
 * {@code limits.max-request-bytes}. Runs before any decoding, so an oversized record never reaches the Avro decoder.
 */
final class RecordSize {
  private final int maxBytes;

  RecordSize(final int maxBytes) {
    this.maxBytes = maxBytes;
  }

  int maxBytes() {
    return maxBytes;
  }

  /** Why the record is too large, or empty when it fits. */
  Optional<String> excess(final byte[] key, final Headers headers, final byte[] value) {
    final long keyBytes = key == null ? 0 : key.length;
    final long valueBytes = value == null ? 0 : value.length;
    long headerBytes = 0;
    int headerCount = 0;
    String largestHeader = null;
    long largestHeaderBytes = -1;
    for (final Header header : headers) {
      final long bytes = header.key().getBytes(StandardCharsets.UTF_8).length + (header.value() == null ? 0 : header.value().length);
      headerBytes += bytes;
      headerCount++;
      if (bytes > largestHeaderBytes) {
        largestHeaderBytes = bytes;
        largestHeader = header.key();
      }
    }
    final long total = keyBytes + valueBytes + headerBytes;
    if (total <= maxBytes) {
      return Optional.empty();
    }
    return Optional.of("the record has " + total + " bytes (key " + keyBytes + ", value " + valueBytes + ", "
        + headerCount + " headers " + headerBytes + (largestHeader == null ? "" : ", largest header "
        + printableName(largestHeader) + " " + largestHeaderBytes) + "); at most " + maxBytes
        + " are accepted (limits.max-request-bytes)");
  }

  private static String printableName(final String name) {
    final String shortened = name.length() > 64 ? name.substring(0, 64) + "…" : name;
    return shortened.replaceAll("\\p{Cntrl}", "?");
  }
}
