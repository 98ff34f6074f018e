package io.rngstream.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PrometheusRule holds exactly the rule groups of the rule files in helm/rng-processor/files/prometheus/ (the
 * files the compose stack loads too), and each dashboard in files/grafana/dashboards/ becomes a ConfigMap for the
 * Grafana sidecar with the file's content. Checked on the real files, whatever they hold, and on a fixture copy
 * of the chart, so the templates are proven even before the real files exist.
 */
class MonitoringFilesTest {
  static List<ChartUnderTest.Values> values() {
    return ChartUnderTest.environmentsAndScenarios();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void thePrometheusRuleHoldsTheSameGroupsAsTheRuleFiles(final ChartUnderTest.Values values) {
    final Rendered rendered = ChartUnderTest.render(values);
    final ArrayNode expected = ruleGroups(ChartUnderTest.chart().resolve("files/prometheus"));

    if (expected.isEmpty()) {
      assertThat(rendered.ofKind("PrometheusRule")).as("%s: no rule files, no PrometheusRule", values).isEmpty();
    } else if (rendered.has("PrometheusRule")) {
      assertThat(rendered.single("PrometheusRule").path("spec").path("groups")).as("%s PrometheusRule groups", values)
          .isEqualTo(expected);
    } else {
      assertThat(values.file()).as("%s: rule files exist but no PrometheusRule was rendered", values).isPresent();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void everyDashboardFileBecomesASidecarConfigMap(final ChartUnderTest.Values values) {
    final Rendered rendered = ChartUnderTest.render(values);
    final boolean enabled = WorkloadTest.mergedValues(values).path("monitoring").path("dashboards").path("enabled").asBoolean();
    final Map<String, JsonNode> expected = enabled
        ? dashboards(ChartUnderTest.chart().resolve("files/grafana/dashboards")) : Map.of();
    final List<JsonNode> configMaps = rendered.ofKind("ConfigMap").stream()
        .filter(c -> c.path("metadata").path("labels").has("grafana_dashboard")).toList();

    assertThat(configMaps).as("%s dashboard ConfigMaps", values).hasSize(expected.size());
    assertDashboards(configMaps, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void scrapedSeriesCarryTheJobNameTheRulesSelectOn(final ChartUnderTest.Values values) throws IOException {
    final Rendered rendered = ChartUnderTest.render(values);
    final java.util.Set<String> jobs = new java.util.TreeSet<>();
    final java.util.regex.Pattern job = java.util.regex.Pattern.compile("job=\"([^\"]+)\"");
    for (final JsonNode group : ruleGroups(ChartUnderTest.chart().resolve("files/prometheus"))) {
      for (final JsonNode rule : group.path("rules")) {
        job.matcher(rule.path("expr").asText()).results().forEach(m -> jobs.add(m.group(1)));
      }
    }
    for (final JsonNode monitor : rendered.ofKind("ServiceMonitor")) {
      final String jobLabel = monitor.path("spec").path("jobLabel").asText();
      final JsonNode service = rendered.ofKind("Service").stream()
          .filter(s -> s.path("metadata").path("labels").path("rng-stream.io/service").asText().equals("management"))
          .findFirst().orElseThrow();
      assertThat(jobLabel).as("%s ServiceMonitor jobLabel", values).isNotEmpty();
      final String jobName = service.path("metadata").path("labels").path(jobLabel).asText();
      assertThat(jobName).as("%s: the Service label %s names the job", values, jobLabel).isEqualTo("rng-processor");
      assertThat(jobs).as("%s: jobs the rules select on", values).allMatch(jobName::equals);
    }
  }

  @Test
  void fixtureRulesAndDashboardsAreCarriedOverExactly() throws IOException {
    final Path copy = ChartUnderTest.workDir().resolve("fixture-chart/rng-processor");
    ChartUnderTest.deleteRecursively(copy);
    ChartUnderTest.copyRecursively(ChartUnderTest.chart(), copy);
    ChartUnderTest.deleteRecursively(copy.resolve("files"));
    ChartUnderTest.copyRecursively(ChartUnderTest.testResource("fixture-files"), copy.resolve("files"));

    final Rendered rendered = Rendered.parse("fixture", ChartUnderTest.template(copy, List.of()));

    final ArrayNode expected = ruleGroups(copy.resolve("files/prometheus"));
    assertThat(expected).as("fixture groups (the promtool test file has none)").hasSize(2);
    assertThat(rendered.single("PrometheusRule").path("spec").path("groups")).isEqualTo(expected);
    assertThat(rendered.single("PrometheusRule").path("spec").path("groups").get(0).path("rules").get(0)
        .path("annotations").path("summary").asText())
        .as("Prometheus templates in annotations are not Helm templates").contains("{{ $labels.instance }}");

    final List<JsonNode> configMaps = rendered.ofKind("ConfigMap").stream()
        .filter(c -> c.path("metadata").path("labels").has("grafana_dashboard")).toList();
    assertThat(configMaps).hasSize(1);
    assertThat(configMaps.getFirst().path("metadata").path("name").asText()).isEqualTo("rng-processor-dashboard-service-overview");
    assertThat(configMaps.getFirst().path("metadata").path("annotations").path("grafana_folder").asText()).isEqualTo("rng-stream");
    assertDashboards(configMaps, dashboards(copy.resolve("files/grafana/dashboards")));

    final List<KubernetesSchemas.Verdict> verdicts = KubernetesSchemas.validate(rendered.objects().stream()
        .map(o -> new KubernetesSchemas.Input("fixture", o)).toList());
    assertThat(verdicts).as("fixture objects against their schemas")
        .filteredOn(v -> v.schema() == null || !v.errors().isEmpty()).isEmpty();
    assertThat(verdicts).as("the PrometheusRule was checked against the prometheus-operator CRD schema")
        .anyMatch(v -> v.kind().equals("PrometheusRule") && v.schema().startsWith("@kubernetes-models/prometheus-operator"));
  }

  private static void assertDashboards(final List<JsonNode> configMaps, final Map<String, JsonNode> expected) {
    for (final JsonNode configMap : configMaps) {
      assertThat(configMap.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
      final String file = configMap.path("data").fieldNames().next();
      assertThat(expected).as("dashboard files").containsKey(file);
      try {
        assertThat(ChartUnderTest.JSON.readTree(configMap.path("data").path(file).asText())).as("content of %s", file)
            .isEqualTo(expected.get(file));
      } catch (IOException e) {
        throw new UncheckedIOException(file + " in its ConfigMap is not JSON", e);
      }
    }
  }

  /** The groups of every YAML file under dir that has any, in the order Helm's Files.Glob walks them (by path). */
  static ArrayNode ruleGroups(final Path dir) {
    final ArrayNode groups = ChartUnderTest.JSON.createArrayNode();
    for (final Path file : filesUnder(dir, ".yaml", ".yml")) {
      try {
        final JsonNode document = ChartUnderTest.YAML.readTree(file.toFile());
        if (document != null && document.has("groups")) {
          document.path("groups").forEach(groups::add);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(file + " is not YAML", e);
      }
    }
    return groups;
  }

  static Map<String, JsonNode> dashboards(final Path dir) {
    final Map<String, JsonNode> result = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return result;
    }
    try (Stream<Path> list = Files.list(dir)) {
      for (final Path file : list.filter(p -> p.toString().endsWith(".json")).toList()) {
        result.put(file.getFileName().toString(), ChartUnderTest.JSON.readTree(file.toFile()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return result;
  }

  private static List<Path> filesUnder(final Path dir, final String... suffixes) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> Stream.of(suffixes).anyMatch(s -> p.toString().endsWith(s)))
          .sorted((a, b) -> dir.relativize(a).toString().compareTo(dir.relativize(b).toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
