package io.rngstream.client.audit;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Where a read of the audit topic starts, in every partition. */
public sealed interface StartPosition {
  /** The oldest record kept. */
  record Beginning() implements StartPosition {
  }

  /** The first record written at or after a time (by record timestamp); the end where there is none. */
  record Since(Instant time) implements StartPosition {
  }

  /** Given offsets per partition; partitions not named start at the beginning. */
  record Offsets(Map<Integer, Long> offsets) implements StartPosition {
    public Offsets {
      offsets = Map.copyOf(offsets);
    }
  }

  /**
   * Reads {@code p:o,p:o,...}: a partition and an offset, for each partition to start elsewhere than the beginning.
   *
   * @throws IllegalArgumentException naming the bad part
   */
  static Offsets parseOffsets(final String text) {
    final Map<Integer, Long> offsets = new TreeMap<>();
    for (final String part : text.split(",")) {
      final String[] pair = part.trim().split(":");
      try {
        if (pair.length != 2) {
          throw new NumberFormatException();
        }
        final int partition = Integer.parseInt(pair[0].trim());
        final long offset = Long.parseLong(pair[1].trim());
        if (partition < 0 || offset < 0) {
          throw new NumberFormatException();
        }
        if (offsets.put(partition, offset) != null) {
          throw new IllegalArgumentException("partition " + partition + " is named twice in '" + text + "'");
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + part.trim() + "' is not PARTITION:OFFSET (e.g. 0:1200,1:980)", e);
      }
    }
    return new Offsets(offsets);
  }
}
