package io.rngstream.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboards' shape: what Grafana, the compose provisioning and the Helm chart rely on. */
class DashboardsTest {
  /** The uid the dashboards' $datasource variable defaults to; compose provisions it (ComposeStackTest). */
  static final String DATASOURCE_UID = "prometheus";
  private static final Pattern SELECTOR = Pattern.compile("(?<![A-Za-z0-9_:])([A-Za-z_][A-Za-z0-9_]*)\\{([^}]*)}");

  @Test
  void theThreeDashboardsAreThereWithUidsNamedAfterTheirFiles() {
    final Map<Path, JsonNode> dashboards = Dashboards.all();
    assertThat(dashboards.values()).extracting(dashboard -> dashboard.path("uid").asText())
        .containsExactlyInAnyOrder("rng-audit", "rng-kafka-streams", "rng-service-overview");
    dashboards.forEach((file, dashboard) -> {
      assertThat(file.getFileName().toString()).isEqualTo(dashboard.path("uid").asText() + ".json");
      assertThat(dashboard.path("title").asText()).startsWith("rng-stream / ");
      assertThat(dashboard.has("id") && !dashboard.path("id").isNull()).as("%s carries no instance-specific id", file).isFalse();
    });
  }

  @Test
  void everyPanelReadsThePrometheusDataSourceByVariable() {
    Dashboards.all().forEach((file, dashboard) -> {
      final Set<Integer> ids = new HashSet<>();
      for (final JsonNode panel : Dashboards.panels(dashboard)) {
        final String name = file.getFileName() + " / " + panel.path("title").asText();
        assertThat(ids.add(panel.path("id").asInt())).as("%s: unique panel id", name).isTrue();
        assertThat(panel.path("description").asText()).as("%s: description", name).isNotBlank();
        assertThat(panel.path("datasource").path("uid").asText()).as("%s: data source", name).isEqualTo("${datasource}");
        assertThat(panel.path("gridPos").path("x").asInt() + panel.path("gridPos").path("w").asInt()).as("%s: width", name).isLessThanOrEqualTo(24);
        assertThat(panel.path("targets")).as("%s: queries", name).isNotEmpty();
        for (final JsonNode target : panel.path("targets")) {
          assertThat(target.path("datasource").path("uid").asText()).as("%s: query data source", name).isEqualTo("${datasource}");
          assertThat(target.path("expr").asText()).as("%s: query", name).isNotBlank();
        }
      }
    });
  }

  @Test
  void theVariablesDefaultToTheProvisionedDataSourceAndToAllNamespacesAndInstances() {
    Dashboards.all().forEach((file, dashboard) -> {
      final List<String> names = dashboard.path("templating").path("list").findValuesAsText("name");
      assertThat(names).as("%s variables", file).containsExactly("datasource", "namespace", "instance");
      for (final JsonNode variable : dashboard.path("templating").path("list")) {
        if ("datasource".equals(variable.path("name").asText())) {
          assertThat(variable.path("query").asText()).isEqualTo("prometheus");
          assertThat(variable.path("current").path("value").asText()).isEqualTo(DATASOURCE_UID);
        } else {
          assertThat(variable.path("includeAll").asBoolean()).isTrue();
          assertThat(variable.path("allValue").asText()).isEqualTo(".*");
        }
      }
    });
  }

  @Test
  void everyRawMetricSelectorFiltersByJobNamespaceAndInstance() {
    for (final Dashboards.PanelQuery query : Dashboards.panelQueries()) {
      final Set<String> selected = new HashSet<>();
      final Matcher selector = SELECTOR.matcher(query.expression());
      while (selector.find()) {
        selected.add(selector.group(1));
        assertThat(selector.group(2)).as("%s", query)
            .contains("job=\"rng-processor\"", "namespace=~\"$namespace\"", "instance=~\"$instance\"");
      }
      for (final String metric : PromQl.metricNames(query.expression())) {
        if (!metric.contains(":")) {
          assertThat(selected).as("%s: %s without its label filter", query, metric).contains(metric);
        } else if (!metric.equals("rng:slo_objective:ratio")) {
          assertThat(query.expression()).as("%s: recorded series filtered by namespace", query)
              .contains(metric + "{namespace=~\"$namespace\"}");
        }
      }
    }
  }
}
