package io.rngstream.client.sdk;

/** The client was closed before the reply arrived, or before the request was made. */
public final class ClientClosedException extends RngClientException {
  private final String requestId;

  /** The failure of one request. */
  public ClientClosedException(final String requestId) {
    super("request " + requestId + " failed: the client is closed");
    this.requestId = requestId;
  }

  /** The request that will get no reply through this client. */
  public String requestId() {
    return requestId;
  }
}
