package io.rngstream.processor.config;

/** A setting is missing or invalid; the message names the key and the environment variable that sets it. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ConfigException(final String message) {
    super(message);
  }
}
