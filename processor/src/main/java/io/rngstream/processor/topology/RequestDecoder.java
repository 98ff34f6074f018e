package io.rngstream.processor.topology;

import io.rngstream.avro.RandomRequest;
import io.rngstream.core.protocol.DeadLetterReason;
import io.rngstream.processor.topology.DecodedRequest.Readable;
import io.rngstream.processor.topology.DecodedRequest.Unreadable;
import com.microsoft.kiota.ApiException;
import java.io.EOFException;
import java.io.IOException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/** Decodes a request value with the registry's Avro deserializer and names why when it cannot. */
final class RequestDecoder {
  /** Apicurio's default wire format: magic byte 0, a 4-byte content id, then Avro binary. */
  private static final int MAGIC_BYTE = 0;
  private static final int HEADER_BYTES = 5;
  private static final int HTTP_NOT_FOUND = 404;

  private final Deserializer<Object> deserializer;

  RequestDecoder(final Deserializer<Object> deserializer) {
    this.deserializer = deserializer;
  }

  DecodedRequest decode(final String topic, final Headers headers, final byte[] value) {
    if (value == null) {
      return new Unreadable(DeadLetterReason.NULL_VALUE, "the record has no value", null);
    }
    if (value.length < HEADER_BYTES || value[0] != MAGIC_BYTE) {
      return new Unreadable(DeadLetterReason.NOT_AVRO,
          "the value does not start with magic byte 0 and a 4-byte schema id (" + value.length + " bytes)", value);
    }
    final Object decoded;
    try {
      decoded = deserializer.deserialize(topic, headers, value);
    } catch (RuntimeException e) {
      final DeadLetterReason reason = classify(e);
      final String message = switch (reason) {
        case UNKNOWN_SCHEMA -> "the registry has no schema with content id " + contentId(value);
        case REGISTRY_UNAVAILABLE -> "the registry could not be asked for content id " + contentId(value) + ": " + describe(e);
        default -> describe(e);
      };
      return new Unreadable(reason, message, value);
    }
    if (decoded instanceof RandomRequest request) {
      return new Readable(request);
    }
    return new Unreadable(DeadLetterReason.FOREIGN_SCHEMA, "the value is Avro of another schema: "
        + (decoded instanceof org.apache.avro.generic.GenericContainer container
            ? container.getSchema().getFullName() : String.valueOf(decoded == null ? null : decoded.getClass().getName())),
        value);
  }

  /**
   * Why a value did not decode. Only a failure to ask the registry is {@code REGISTRY_UNAVAILABLE}, which makes the
   * request wait (RegistryRetry): an I/O error of Avro's own decoder (a truncated or forged datum behind a known
   * content id) is the record's fault and must not be, or one hostile record would stop its partition for good.
   */
  static DeadLetterReason classify(final Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ApiException api && api.getResponseStatusCode() == HTTP_NOT_FOUND) {
        return DeadLetterReason.UNKNOWN_SCHEMA;
      }
      if (cause instanceof ApiException || cause instanceof IOException io && fromTheNetwork(io)) {
        return DeadLetterReason.REGISTRY_UNAVAILABLE;
      }
      // Avro's specific reader names the writer's record when no class of ours matches it.
      if (String.valueOf(cause.getMessage()).startsWith("Could not find class")) {
        return DeadLetterReason.FOREIGN_SCHEMA;
      }
    }
    return DeadLetterReason.CORRUPT_AVRO;
  }

  /** An I/O error of the registry's HTTP client (connection, TLS, timeout), not of decoding bytes already read. */
  private static boolean fromTheNetwork(final IOException error) {
    final String type = error.getClass().getName();
    if (type.startsWith("java.net.") || type.startsWith("javax.net.") || type.startsWith("java.nio.channels.")) {
      return true; // ConnectException, HttpTimeoutException, SSLException, ClosedChannelException, ...
    }
    if (!(error instanceof EOFException) && error.getClass() == IOException.class) {
      // The JDK's HTTP client also throws plain IOExceptions ("connection closed", "no bytes"): trust the frames.
      for (final StackTraceElement frame : error.getStackTrace()) {
        final String where = frame.getClassName();
        if (where.startsWith("jdk.internal.net.") || where.startsWith("java.net.") || where.startsWith("sun.net.")
            || where.startsWith("sun.security.ssl.")) {
          return true;
        }
      }
    }
    return false;
  }

  private static int contentId(final byte[] value) {
    return java.nio.ByteBuffer.wrap(value, 1, Integer.BYTES).getInt();
  }

  private static String describe(final Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    final String top = error.getClass().getSimpleName() + ": " + error.getMessage();
    return root == error ? top : top + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
  }
}
