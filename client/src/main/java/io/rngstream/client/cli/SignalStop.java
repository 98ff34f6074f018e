package io.rngstream.client.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C for a command that reads until stopped: the JVM's shutdown hook calls {@code stop} (e.g. a consumer's
 * wakeup) and then waits, up to a few seconds, until the command closed cleanly and printed its last lines.
 */
final class SignalStop implements AutoCloseable {
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  SignalStop(final String name, final Runnable stop) {
    hook = new Thread(() -> {
      stop.run();
      try {
        finished.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** The command is done: the hook, if running, may let the JVM exit. Idempotent. */
  @Override
  public void close() {
    if (finished.getCount() == 0) {
      return;
    }
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down already: the hook is running, and waited for us.
    }
  }
}
