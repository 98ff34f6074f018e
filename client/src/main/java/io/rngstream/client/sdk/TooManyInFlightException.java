package io.rngstream.client.sdk;

/** The client already waits for its maximum number of replies; the request was not sent. Retry later or slow down. */
public final class TooManyInFlightException extends RngClientException {
  private final String requestId;
  private final int maxInFlight;

  /** The refusal of one request. */
  public TooManyInFlightException(final String requestId, final int maxInFlight) {
    super("request " + requestId + " was not sent: " + maxInFlight + " requests already wait for a reply");
    this.requestId = requestId;
    this.maxInFlight = maxInFlight;
  }

  /** The request that was not sent. */
  public String requestId() {
    return requestId;
  }

  /** The client's bound on requests waiting for a reply. */
  public int maxInFlight() {
    return maxInFlight;
  }
}
