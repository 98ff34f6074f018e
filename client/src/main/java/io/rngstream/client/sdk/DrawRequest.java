package io.rngstream.client.sdk;

import io.rngstream.avro.RandomRequest;
import io.rngstream.core.generation.DrawAlgorithm;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What to draw, as an immutable value: {@code DrawRequest.between(1, 6).count(3).unique(true)}. Each setter returns
 * a new value. The request id defaults to a random UUID chosen when {@link #between} is called and kept by the
 * setters; the contract makes it unique per client, so build a new value for each draw and resend one only to retry.
 *
 * <p>Checks here are the ones that hold for every deployment of the service (bounds in order, count at least 1,
 * a 32-byte seed, a 1 to 128 character request id). Limits the operator configures (largest count, longest user
 * data) and whether a unique draw fits its range are the service's to judge: they come back as a
 * {@link DrawRejectedException}.
 */
public final class DrawRequest {
  /** Longest request id the contract allows, in characters. */
  public static final int MAX_REQUEST_ID_CHARS = 128;

  private final String requestId;
  private final long min;
  private final long max;
  private final int count;
  private final boolean unique;
  private final byte[] seed;
  private final String userData;

  private DrawRequest(final String requestId, final long min, final long max, final int count, final boolean unique,
      final byte[] seed, final String userData) {
    this.requestId = requestId;
    this.min = min;
    this.max = max;
    this.count = count;
    this.unique = unique;
    this.seed = seed;
    this.userData = userData;
  }

  /** One number from {@code min} to {@code max}, both inclusive; throws when {@code max < min}. */
  public static DrawRequest between(final long min, final long max) {
    if (max < min) {
      throw new IllegalArgumentException("max " + max + " is below min " + min + "; the bounds are inclusive");
    }
    return new DrawRequest(UUID.randomUUID().toString(), min, max, 1, false, null, null);
  }

  /** How many numbers to draw, at least 1. */
  public DrawRequest count(final int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count is " + count + "; ask for at least 1 number");
    }
    return new DrawRequest(requestId, min, max, count, unique, seed, userData);
  }

  /** Whether to draw without replacement (no number twice). */
  public DrawRequest unique(final boolean unique) {
    return new DrawRequest(requestId, min, max, count, unique, seed, userData);
  }

  /** A 32-byte seed that makes the draw reproducible by anyone; {@code null} lets the service draw one. */
  public DrawRequest seed(final byte[] seed) {
    if (seed != null && seed.length != DrawAlgorithm.SEED_BYTES) {
      throw new IllegalArgumentException("seed has " + seed.length + " bytes; it must be exactly "
          + DrawAlgorithm.SEED_BYTES + " bytes (256 bits)");
    }
    return new DrawRequest(requestId, min, max, count, unique, seed == null ? null : seed.clone(), userData);
  }

  /** Text echoed in the reply and kept in the audit trail; {@code null} for none. */
  public DrawRequest userData(final String userData) {
    return new DrawRequest(requestId, min, max, count, unique, seed, userData);
  }

  /** The idempotency key of this request: 1 to 128 characters, not blank. */
  public DrawRequest requestId(final String requestId) {
    Objects.requireNonNull(requestId, "requestId");
    if (requestId.isBlank() || requestId.length() > MAX_REQUEST_ID_CHARS) {
      throw new IllegalArgumentException("requestId must have 1 to " + MAX_REQUEST_ID_CHARS
          + " characters and not be blank; got " + requestId.length() + " characters");
    }
    return new DrawRequest(requestId, min, max, count, unique, seed, userData);
  }

  /** The request id. */
  public String requestId() {
    return requestId;
  }

  /** The smallest number that may be drawn. */
  public long min() {
    return min;
  }

  /** The largest number that may be drawn. */
  public long max() {
    return max;
  }

  /** How many numbers to draw. */
  public int count() {
    return count;
  }

  /** Whether the numbers are drawn without replacement. */
  public boolean unique() {
    return unique;
  }

  /** A copy of the seed, when the request supplies one. */
  public Optional<byte[]> seed() {
    return Optional.ofNullable(seed).map(byte[]::clone);
  }

  /** The user data, when there is any. */
  public Optional<String> userData() {
    return Optional.ofNullable(userData);
  }

  /** The wire form, for a client and a moment. */
  RandomRequest toAvro(final String clientId, final Instant requestedAt) {
    return RandomRequest.newBuilder()
        .setRequestId(requestId)
        .setClientId(clientId)
        .setMin(min)
        .setMax(max)
        .setCount(count)
        .setUnique(unique)
        .setSeed(seed == null ? null : ByteBuffer.wrap(seed.clone()))
        .setUserData(userData)
        .setRequestedAt(requestedAt)
        .build();
  }

  @Override
  public boolean equals(final Object other) {
    return other instanceof DrawRequest that
        && requestId.equals(that.requestId) && min == that.min && max == that.max && count == that.count
        && unique == that.unique && Arrays.equals(seed, that.seed) && Objects.equals(userData, that.userData);
  }

  @Override
  public int hashCode() {
    return Objects.hash(requestId, min, max, count, unique, Arrays.hashCode(seed), userData);
  }

  @Override
  public String toString() {
    return "DrawRequest[requestId=" + requestId + ", min=" + min + ", max=" + max + ", count=" + count
        + ", unique=" + unique + ", seed=" + (seed == null ? "null" : HexFormat.of().formatHex(seed))
        + ", userData=" + userData + "]";
  }
}
