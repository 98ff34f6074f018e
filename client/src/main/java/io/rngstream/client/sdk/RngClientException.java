package io.rngstream.client.sdk;

/** Base of everything the SDK throws or fails a draw with; a plain instance means the client could not do its job. */
public class RngClientException extends RuntimeException {
  /** A failure described in words. */
  public RngClientException(final String message) {
    super(message);
  }

  /** A failure caused by another one, usually Kafka's or the registry's. */
  public RngClientException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
