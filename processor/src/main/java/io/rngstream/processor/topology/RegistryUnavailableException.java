package io.rngstream.processor.topology;

/**
 * Thrown only when the processor stops while a request waits for the schema registry: the request is not
 * committed, so the next start reads it again.
 */
public final class RegistryUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RegistryUnavailableException(final String message) {
    super(message);
  }
}
