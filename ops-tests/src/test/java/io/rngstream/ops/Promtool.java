package io.rngstream.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Prometheus' promtool (Debian package {@code prometheus}). */
final class Promtool {
  private Promtool() {
  }

  /** Exit status and combined output of one promtool run. */
  record Result(int exitCode, String output) {
  }

  static Result run(final Path workingDirectory, final String... arguments) {
    final List<String> command = new ArrayList<>();
    command.add(System.getenv().getOrDefault("PROMTOOL", "promtool"));
    command.addAll(List.of(arguments));
    final Process process;
    try {
      process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("promtool is needed: apt-get install prometheus (.ci/run installs it)", e);
    }
    try {
      final byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("promtool " + String.join(" ", arguments) + " did not finish within 5 minutes");
      }
      return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
