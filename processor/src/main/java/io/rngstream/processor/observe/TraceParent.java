package io.rngstream.processor.observe;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the trace id out of a W3C {@code traceparent} header value ({@code 00-<trace-id>-<span-id>-<flags>}). */
public final class TraceParent {
  private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
  private static final String INVALID_TRACE_ID = "0".repeat(32);

  private TraceParent() {
  }

  /** The 32-hex-digit trace id, or empty when the header is absent or malformed. */
  public static Optional<String> traceId(final byte[] headerValue) {
    if (headerValue == null || headerValue.length != 55) {
      return Optional.empty();
    }
    final var matcher = FORMAT.matcher(new String(headerValue, StandardCharsets.US_ASCII));
    if (!matcher.matches() || matcher.group(1).equals(INVALID_TRACE_ID)) {
      return Optional.empty();
    }
    return Optional.of(matcher.group(1));
  }
}
