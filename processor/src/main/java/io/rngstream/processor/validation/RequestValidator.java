package io.rngstream.processor.validation;

import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.RandomRequest;
import io.rngstream.core.generation.DrawAlgorithm;
import io.rngstream.core.generation.DrawSpec;
import io.rngstream.processor.config.ProcessorConfig.Limits;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Checks a request against the contract and the configured limits; the first violation wins. */
public final class RequestValidator {
  /** Longest requestId and clientId, in characters. */
  public static final int MAX_ID_CHARS = 128;

  private final Limits limits;

  public RequestValidator(final Limits limits) {
    this.limits = limits;
  }

  /** The first violation, or empty when the request can be drawn. */
  public Optional<Rejection> validate(final RandomRequest request) {
    // In order, and lazily: the unique check may only run once bounds and count are known to be sane.
    final List<Supplier<Optional<Rejection>>> checks = List.of(
        () -> identifier("requestId", request.getRequestId(), ErrorCode.INVALID_REQUEST_ID),
        () -> identifier("clientId", request.getClientId(), ErrorCode.INVALID_CLIENT_ID),
        () -> bounds(request),
        () -> count(request),
        () -> uniqueFits(request),
        () -> seed(request),
        () -> userData(request));
    for (final Supplier<Optional<Rejection>> check : checks) {
      final Optional<Rejection> rejection = check.get();
      if (rejection.isPresent()) {
        return rejection;
      }
    }
    return Optional.empty();
  }

  private static Optional<Rejection> identifier(final String field, final String value, final ErrorCode code) {
    if (value == null || value.isBlank()) {
      return reject(code, field + " must not be blank");
    }
    if (value.length() > MAX_ID_CHARS) {
      return reject(code, field + " has " + value.length() + " characters; at most " + MAX_ID_CHARS + " are allowed");
    }
    return Optional.empty();
  }

  private static Optional<Rejection> bounds(final RandomRequest request) {
    if (request.getMin() > request.getMax()) {
      return reject(ErrorCode.INVALID_BOUNDS,
          "min " + request.getMin() + " is greater than max " + request.getMax() + "; the bounds are inclusive and min must not exceed max");
    }
    return Optional.empty();
  }

  private Optional<Rejection> count(final RandomRequest request) {
    if (request.getCount() < 1) {
      return reject(ErrorCode.INVALID_COUNT, "count is " + request.getCount() + "; ask for at least 1 number");
    }
    if (request.getCount() > limits.maxCount()) {
      return reject(ErrorCode.COUNT_TOO_LARGE,
          "count " + request.getCount() + " is above this service's limit of " + limits.maxCount() + " numbers per request");
    }
    return Optional.empty();
  }

  private static Optional<Rejection> uniqueFits(final RandomRequest request) {
    if (!request.getUnique()) {
      return Optional.empty();
    }
    final DrawSpec spec = new DrawSpec(request.getMin(), request.getMax(), request.getCount(), true);
    if (!spec.uniqueFits()) {
      return reject(ErrorCode.UNIQUE_COUNT_EXCEEDS_RANGE,
          "count " + request.getCount() + " is larger than the " + spec.rangeSize() + " distinct numbers in ["
              + request.getMin() + ", " + request.getMax() + "]; a unique draw cannot repeat a number");
    }
    return Optional.empty();
  }

  private static Optional<Rejection> seed(final RandomRequest request) {
    if (request.getSeed() != null && request.getSeed().remaining() != DrawAlgorithm.SEED_BYTES) {
      return reject(ErrorCode.INVALID_SEED, "seed has " + request.getSeed().remaining() + " bytes; it must be exactly "
          + DrawAlgorithm.SEED_BYTES + " bytes (256 bits), or null to let the service choose one");
    }
    return Optional.empty();
  }

  private Optional<Rejection> userData(final RandomRequest request) {
    final String userData = request.getUserData();
    if (userData != null && userData.length() > limits.maxUserDataChars()) {
      return reject(ErrorCode.USER_DATA_TOO_LONG,
          "userData has " + userData.length() + " characters; at most " + limits.maxUserDataChars() + " are allowed");
    }
    return Optional.empty();
  }

  private static Optional<Rejection> reject(final ErrorCode code, final String message) {
    return Optional.of(new Rejection(code, message));
  }
}
