package io.rngstream.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.client.testing.ProcessorExtension;
import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.StackEndpoints;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

@ExtendWith(DevStackExtension.class)
@ExtendWith(ProcessorExtension.class)
class DrawCommandIT {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private StackEndpoints stack;

  @BeforeEach
  void stack(final StackEndpoints endpoints) {
    stack = endpoints;
  }

  @Test
  void printsTheNumbersAndExitsZero() {
    assertThat(draw("--min", "1", "--max", "6", "--count", "3")).as(err.toString()).isEqualTo(ExitCodes.OK);

    assertThat(out.toString().strip()).matches("[1-6] [1-6] [1-6]");
  }

  @Test
  void printsTheWholeReplyAsJson() {
    assertThat(draw("--min", "10", "--max", "20", "--json", "--user-data", "cli test")).as(err.toString())
        .isEqualTo(ExitCodes.OK);

    assertThat(out.toString().strip()).startsWith("{").endsWith("}")
        .contains("\"status\":\"OK\"", "\"userData\":\"cli test\"", "\"min\":\"10\"");
  }

  @Test
  void exitsTwoWithTheCodeOnStderrWhenTheServiceRejects() {
    assertThat(draw("--min", "1", "--max", "6", "--count", "7", "--unique")).isEqualTo(ExitCodes.REJECTED);

    assertThat(err.toString()).startsWith("rejected: UNIQUE_COUNT_EXCEEDS_RANGE: ");
    assertThat(out.toString()).isEmpty();
  }

  private int draw(final String... args) {
    final List<String> all = new ArrayList<>(List.of(
        "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl(), "--timeout", "30s"));
    all.addAll(Arrays.asList(args));
    return new CommandLine(new DrawCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(all.toArray(String[]::new));
  }
}
