package io.rngstream.processor.topology;

import io.rngstream.avro.RandomReply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The replies of recent requests by clientId and requestId, for idempotency. A window store drops whole
 * segments once they are older than the window, so nothing has to scan for expired entries.
 */
final class RequestIdStore {
  static final String NAME = "request-ids";
  private static final int FINGERPRINT_BYTES = 32;

  /** Fields added to RandomReply since replies were first stored here; stored replies may lack them. */
  private static final java.util.Set<String> ADDED_FIELDS = java.util.Set.of("retryAfterMs");
  private static final BinaryMessageDecoder<RandomReply> DECODER = decoder();

  private final WindowStore<String, byte[]> store;
  private final Duration window;

  RequestIdStore(final WindowStore<String, byte[]> store, final Duration window) {
    this.store = store;
    this.window = window;
  }

  static StoreBuilder<WindowStore<String, byte[]>> builder(final Duration window) {
    return Stores.windowStoreBuilder(
        Stores.persistentWindowStore(NAME, window, Duration.ofMillis(1), false), Serdes.String(), Serdes.ByteArray());
  }

  /** A request answered before under the same ids, and what made it that request. */
  record Remembered(byte[] fingerprint, RandomReply reply) {
  }

  /** The latest answer to these ids within the window before {@code at}. */
  Optional<Remembered> lookup(final String clientId, final String requestId, final Instant at) {
    byte[] latest = null;
    try (WindowStoreIterator<byte[]> found = store.fetch(key(clientId, requestId), at.minus(window), at)) {
      while (found.hasNext()) {
        latest = found.next().value;
      }
    }
    return Optional.ofNullable(latest).map(RequestIdStore::decode);
  }

  void remember(final String clientId, final String requestId, final Instant at, final byte[] fingerprint,
      final RandomReply reply) {
    try {
      final ByteBuffer encodedReply = RandomReply.getEncoder().encode(reply);
      final ByteBuffer value = ByteBuffer.allocate(FINGERPRINT_BYTES + encodedReply.remaining())
          .put(fingerprint).put(encodedReply);
      store.put(key(clientId, requestId), value.array(), at.toEpochMilli());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a reply for the request-id store", e);
    }
  }

  private static Remembered decode(final byte[] value) {
    final byte[] fingerprint = new byte[FINGERPRINT_BYTES];
    final ByteBuffer buffer = ByteBuffer.wrap(value);
    buffer.get(fingerprint);
    try {
      // Single-object encoding carries the schema fingerprint; a schema change adds the old schema to the decoder.
      return new Remembered(fingerprint, DECODER.decode(buffer.slice()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode a reply from the request-id store", e);
    }
  }

  /**
   * The current reply schema's decoder, which also reads replies stored under the schema before {@link #ADDED_FIELDS}
   * (single-object encoding names the writer's schema by fingerprint; a store from an older version holds those).
   */
  static BinaryMessageDecoder<RandomReply> decoder() {
    final BinaryMessageDecoder<RandomReply> decoder = RandomReply.createDecoder(null);
    decoder.addSchema(schemaBefore(RandomReply.getClassSchema()));
    return decoder;
  }

  static Schema schemaBefore(final Schema current) {
    final List<Schema.Field> fields = current.getFields().stream()
        .filter(field -> !ADDED_FIELDS.contains(field.name()))
        .map(field -> new Schema.Field(field, field.schema()))
        .toList();
    return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
  }

  private static String key(final String clientId, final String requestId) {
    // Neither id may contain NUL in practice; the length prefix makes the key unambiguous anyway.
    return clientId.length() + ":" + clientId + "\u0000" + requestId;
  }
}
