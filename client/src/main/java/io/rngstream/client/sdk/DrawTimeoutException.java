package io.rngstream.client.sdk;

import java.time.Duration;

/** No reply arrived within the client's timeout. The service may still answer later; that reply is then dropped. */
public final class DrawTimeoutException extends RngClientException {
  private final String requestId;
  private final Duration timeout;

  /** The timeout of one request. */
  public DrawTimeoutException(final String requestId, final Duration timeout) {
    super("no reply to request " + requestId + " within " + timeout.toMillis() + " ms"
        + " (is the processor running and reading the request topic?)");
    this.requestId = requestId;
    this.timeout = timeout;
  }

  /** The request that got no reply. */
  public String requestId() {
    return requestId;
  }

  /** How long the client waited. */
  public Duration timeout() {
    return timeout;
  }
}
