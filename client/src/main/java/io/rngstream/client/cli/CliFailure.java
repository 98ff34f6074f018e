package io.rngstream.client.cli;

/** A failure a command reports as one line and exit code {@link ExitCodes#FAILED}, without a stack trace. */
final class CliFailure extends RuntimeException {
  CliFailure(final String message) {
    super(message);
  }
}
