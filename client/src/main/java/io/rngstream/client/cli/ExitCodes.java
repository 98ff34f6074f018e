package io.rngstream.client.cli;

/** Exit codes of the client commands, the same for every command so that scripts can rely on them. */
public final class ExitCodes {
  /** The command did what was asked. */
  public static final int OK = 0;
  /** Bad arguments (picocli usage errors included), no stack configured, or any other failure. */
  public static final int FAILED = 1;
  /** The service rejected the request; the code and message are on stderr. */
  public static final int REJECTED = 2;
  /** No reply within the timeout. */
  public static final int TIMEOUT = 3;

  private ExitCodes() {
  }
}
