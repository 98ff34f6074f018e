package io.rngstream.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.client.sdk.RngClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DrawCommandTest {
  private static final String SEED = "00".repeat(32);

  @TempDir
  Path workingDirectory;

  private final AtomicBoolean connected = new AtomicBoolean();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void rejectsAMinThatIsNotANumber() {
    assertThat(run("--min", "one", "--max", "6")).isEqualTo(ExitCodes.FAILED);

    assertThat(err.toString()).contains("--min").contains("'one'");
    assertNothingSent();
  }

  @Test
  void rejectsAMaxBelowTheMin() {
    assertThat(run("--min", "6", "--max", "1")).isEqualTo(ExitCodes.FAILED);

    assertThat(err.toString()).contains("max 1 is below min 6");
    assertNothingSent();
  }

  @Test
  void rejectsASeedThatIsNot64HexDigits() {
    assertThat(run("--min", "1", "--max", "6", "--seed", "abc")).isEqualTo(ExitCodes.FAILED);
    assertThat(err.toString()).contains("--seed").contains("64 hex digits");

    assertThat(run("--min", "1", "--max", "6", "--seed", "zz" + SEED.substring(2))).isEqualTo(ExitCodes.FAILED);
    assertNothingSent();
  }

  @Test
  void rejectsACountBelowOne() {
    assertThat(run("--min", "1", "--max", "6", "--count", "0")).isEqualTo(ExitCodes.FAILED);

    assertThat(err.toString()).contains("count is 0");
    assertNothingSent();
  }

  @Test
  void rejectsATimeoutItCannotRead() {
    assertThat(run("--min", "1", "--max", "6", "--timeout", "soon")).isEqualTo(ExitCodes.FAILED);

    assertThat(err.toString()).contains("--timeout").contains("500ms");
    assertNothingSent();
  }

  @Test
  void requiresTheBounds() {
    assertThat(run("--max", "6")).isEqualTo(ExitCodes.FAILED);

    assertThat(err.toString()).contains("--min");
    assertNothingSent();
  }

  @Test
  void saysHowToFindAStackWhenNoneIsConfigured() {
    assertThat(run("--min", "1", "--max", "6")).isEqualTo(ExitCodes.FAILED);

    assertThat(err.toString())
        .startsWith("error: Where is the stack?")
        .contains("--bootstrap-servers", "RNG_BOOTSTRAP_SERVERS", "./rng up")
        .doesNotContain("at io.rngstream");
    assertNothingSent();
  }

  @Test
  void reportsAFailureToConnectInOneLineWithoutAStackTrace() {
    final int exit = new CommandLine(new DrawCommand(new CliEnvironment(Map.of(), workingDirectory), builder -> {
      throw new io.rngstream.client.sdk.RngClientException("cannot reach Kafka at localhost:1");
    })).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute("--min", "1", "--max", "6", "--bootstrap-servers", "localhost:1", "--registry-url", "http://localhost:2");

    assertThat(exit).isEqualTo(ExitCodes.FAILED);
    assertThat(err.toString().strip()).isEqualTo(
        "error: cannot reach Kafka at localhost:1 (stack from the command line)");
  }

  @Test
  void listsItsExitCodesInTheHelp() {
    assertThat(run("--help")).isEqualTo(ExitCodes.OK);

    assertThat(out.toString()).contains("Exit codes:").contains("3", "no reply within --timeout");
  }

  private int run(final String... args) {
    final DrawCommand command = new DrawCommand(new CliEnvironment(Map.of(), workingDirectory), this::connect);
    return new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
  }

  private RngClient connect(final RngClient.Builder builder) {
    connected.set(true);
    throw new AssertionError("the command must not connect");
  }

  private void assertNothingSent() {
    assertThat(connected).as("connected although the arguments were wrong").isFalse();
    assertThat(out.toString()).isEmpty();
  }
}
