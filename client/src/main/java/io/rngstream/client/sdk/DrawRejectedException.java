package io.rngstream.client.sdk;

import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.RequestError;
import java.time.Duration;
import java.util.Optional;

/** The service answered, and said no: the reply has status REJECTED, with a code saying why. */
public final class DrawRejectedException extends RngClientException {
  private final transient RandomReply reply;

  /** The exception for a REJECTED reply. */
  public DrawRejectedException(final RandomReply reply) {
    super("request " + reply.getRequestId() + " was rejected: " + codeOf(reply) + ": " + reasonOf(reply));
    this.reply = reply;
  }

  /** Why the service rejected the request; {@link ErrorCode#UNKNOWN} for a code this SDK does not know. */
  public ErrorCode code() {
    return codeOf(reply);
  }

  /** The service's explanation, naming the offending field and value. */
  public String reason() {
    return reasonOf(reply);
  }

  /**
   * How long to wait before retrying, when the service says so: set with {@link ErrorCode#RATE_LIMITED}, empty
   * otherwise. Retrying sooner only earns another RATE_LIMITED.
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(reply.getRetryAfterMs()).map(Duration::ofMillis);
  }

  /** The request id of the rejected request. */
  public String requestId() {
    return reply.getRequestId();
  }

  /** The whole reply, as the service sent it. */
  public RandomReply reply() {
    return reply;
  }

  private static ErrorCode codeOf(final RandomReply reply) {
    final RequestError error = reply.getError();
    return error == null || error.getCode() == null ? ErrorCode.UNKNOWN : error.getCode();
  }

  private static String reasonOf(final RandomReply reply) {
    final RequestError error = reply.getError();
    return error == null ? "the service gave no reason" : error.getMessage();
  }
}
