package io.rngstream.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The canary analysis' PromQL parses: each query, with its Argo arguments filled in, goes through
 * {@code promtool check rules} as a recording rule. promtool comes from Debian's prometheus package, which .ci/run
 * installs; without it on the PATH these cases are skipped, saying so.
 */
class CanaryAnalysisQueriesTest {
  static List<ChartUnderTest.Values> valuesWithACanary() {
    return ChartUnderTest.environmentsAndScenarios().stream()
        .filter(v -> ChartUnderTest.render(v).has("AnalysisTemplate")).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesWithACanary")
  void analysisQueriesAreValidPromQl(final ChartUnderTest.Values values) throws IOException, InterruptedException {
    assumeTrue(onPath("promtool"), "promtool is not on the PATH (Debian package prometheus; .ci/run installs it)");
    final JsonNode template = ChartUnderTest.render(values).single("AnalysisTemplate");
    final ObjectNode rules = ChartUnderTest.JSON.createObjectNode();
    final var group = rules.putArray("groups").addObject().put("name", "canary-analysis");
    final var list = group.putArray("rules");
    for (final JsonNode metric : template.path("spec").path("metrics")) {
      final String query = metric.path("provider").path("prometheus").path("query").asText()
          .replace("{{args.namespace}}", "rng-stream").replace("{{args.canary-hash}}", "6c9f7d8b5");
      assertThat(query).as("%s: every argument filled in", metric.path("name").asText()).doesNotContain("{{");
      list.addObject().put("record", "canary:" + metric.path("name").asText().replace('-', '_')).put("expr", query);
    }
    final Path file = Files.createTempFile(Files.createDirectories(ChartUnderTest.workDir()), "analysis-", ".yaml");
    ChartUnderTest.YAML.writeValue(file.toFile(), rules);
    final Path out = file.resolveSibling(file.getFileName() + ".out");

    final Process promtool = new ProcessBuilder("promtool", "check", "rules", file.toString())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(promtool.waitFor(1, TimeUnit.MINUTES)).as("promtool finished").isTrue();

    assertThat(promtool.exitValue()).as("promtool check rules: %s", Files.readString(out)).isZero();
  }

  private static boolean onPath(final String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }
}
