package io.rngstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.core.json.Json;
import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.StackEndpoints;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A smoke run of {@code rng bench} with a tiny load against the real broker and registry: it must run both the
 * baseline and the processor, print the table and write a JSON result whose figures are sane. No timing is asserted.
 */
@ExtendWith(DevStackExtension.class)
class BenchCommandIT {

  @Test
  @SuppressWarnings("unchecked")
  void runsTheBaselineAndTheProcessorAndWritesTheResult(final StackEndpoints stack, @TempDir final Path dir)
      throws Exception {
    final Path json = dir.resolve("result.json");
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final int status = new CommandLine(new BenchCommand(new PrintStream(printed, true, StandardCharsets.UTF_8)))
        .execute("--external", "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl(),
            "--scenarios", "baseline-eos,rng-eos", "--rates", "20", "--goal-rate", "20", "--no-search", "--search-start", "20",
            "--warmup", "1s", "--measure", "2s", "--drain", "60s", "--max-p99-ms", "60000", "--out", json.toString());
    final String output = printed.toString(StandardCharsets.UTF_8);

    assertThat(status).as(output).isZero();
    assertThat(output).contains("p99 ms", "baseline-eos", "rng-eos", "max req/s", "JSON result:");

    final Map<String, Object> result = Json.parseObject(Files.readString(json));
    final List<Map<String, Object>> scenarios = (List<Map<String, Object>>) result.get("scenarios");
    assertThat(scenarios).extracting(scenario -> scenario.get("name")).containsExactly("baseline-eos", "rng-eos");
    for (final Map<String, Object> scenario : scenarios) {
      final Map<String, Object> step = ((List<Map<String, Object>>) scenario.get("steps")).get(0);
      assertThat(step.get("kind")).isEqualTo("fixed");
      assertThat(((Number) step.get("offeredRate")).doubleValue()).isEqualTo(20.0);
      // Two seconds at 20/s: 40 requests measured, every one answered with an OK reply.
      assertThat(((Number) step.get("answered")).longValue()).as(scenario.get("name").toString()).isEqualTo(40);
      assertThat(((Number) step.get("unanswered")).longValue()).isZero();
      assertThat(((Number) step.get("rejected")).longValue()).isZero();
      final Map<String, Object> latency = (Map<String, Object>) step.get("latencyMs");
      final double p50 = ((Number) latency.get("p50")).doubleValue();
      final double p99 = ((Number) latency.get("p99")).doubleValue();
      final double max = ((Number) latency.get("max")).doubleValue();
      assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
      assertThat(p99).isLessThanOrEqualTo(max);
    }
    final List<Map<String, Object>> comparison = (List<Map<String, Object>>) result.get("comparison");
    assertThat(comparison).extracting(row -> row.get("baseline")).containsExactly(null, "baseline-eos");
    assertThat((List<Object>) result.get("goals")).hasSize(2);
  }
}
