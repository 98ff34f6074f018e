package io.rngstream.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** Where a scenario keeps its files, and the timing it reports (to the test log and docs/reliability.md). */
final class Scenario {
  /** Requests a second: modest, so that four JVMs on two cores keep up and a gap shows at once. */
  static final int RATE = 50;
  static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(120);

  private Scenario() {
  }

  /** A directory under target/ no other run used. */
  static Path dir(final String name) {
    return Path.of("target", "reliability", name + "-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
  }

  /** One line a person can grep for in target/failsafe-reports: {@code [reliability] <scenario> <what>=<value>}. */
  static void report(final String scenario, final String what, final Object value) {
    System.out.println("[reliability] " + scenario + " " + what + "=" + value);
  }

  static long millisSince(final long nanoTime) {
    return Duration.ofNanos(System.nanoTime() - nanoTime).toMillis();
  }
}
