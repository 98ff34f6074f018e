package io.rngstream.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Grafana dashboards of the one-source folder, read as Grafana reads them: JSON models with panels and variables. */
final class Dashboards {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** $name, ${name}, ${name:format} and the old [[name]]. */
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::[^}]*)?}|\\$([A-Za-z0-9_]+)|\\[\\[([A-Za-z0-9_]+)]]");
  private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*([A-Za-z0-9_]+)\\s*\\)\\s*$", Pattern.DOTALL);

  private Dashboards() {
  }

  /** One query of one panel. */
  record PanelQuery(String dashboard, String panel, String refId, String expression) {
    @Override
    public String toString() {
      return dashboard + " / " + panel + " / " + refId + ": " + expression;
    }
  }

  /** Every dashboard file and its parsed model. */
  static Map<Path, JsonNode> all() {
    final Map<Path, JsonNode> dashboards = new TreeMap<>();
    try (Stream<Path> files = Files.list(RepositoryFiles.dashboards())) {
      for (final Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
        dashboards.put(file, JSON.readTree(file.toFile()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dashboards;
  }

  /** Every panel of a dashboard, rows' nested (collapsed) panels included; rows themselves left out. */
  static List<JsonNode> panels(final JsonNode dashboard) {
    final List<JsonNode> panels = new ArrayList<>();
    collect(dashboard.path("panels"), panels);
    return panels;
  }

  /** Every Prometheus query of every panel of every dashboard. */
  static List<PanelQuery> panelQueries() {
    final List<PanelQuery> queries = new ArrayList<>();
    all().values().forEach(dashboard -> {
      for (final JsonNode panel : panels(dashboard)) {
        for (final JsonNode target : panel.path("targets")) {
          if (target.hasNonNull("expr")) {
            queries.add(new PanelQuery(dashboard.path("title").asText(), panel.path("title").asText(),
                target.path("refId").asText(), target.path("expr").asText()));
          }
        }
      }
    });
    return queries;
  }

  /**
   * The series selectors of the dashboards' query variables ({@code label_values(selector, label)}): a selector
   * that matches nothing leaves the variable, and so every panel, empty.
   */
  static List<PanelQuery> variableSelectors() {
    final List<PanelQuery> selectors = new ArrayList<>();
    all().values().forEach(dashboard -> {
      for (final JsonNode variable : dashboard.path("templating").path("list")) {
        if (!"query".equals(variable.path("type").asText())) {
          continue;
        }
        final JsonNode query = variable.path("query");
        final String text = query.isObject() ? query.path("query").asText() : query.asText();
        final Matcher labelValues = LABEL_VALUES.matcher(text);
        if (!labelValues.matches()) {
          throw new AssertionError(dashboard.path("title").asText() + ": variable " + variable.path("name").asText()
              + " is not a label_values(selector, label) query: " + text);
        }
        selectors.add(new PanelQuery(dashboard.path("title").asText(), "variable $" + variable.path("name").asText(),
            "-", labelValues.group(1)));
      }
    });
    return selectors;
  }

  /**
   * The query as Grafana sends it to Prometheus: its interval and range macros given as {@code window}, and each
   * template variable given the value "All" stands for (its allValue), else its current value.
   */
  static String substitute(final String expression, final JsonNode dashboard, final String window) {
    final Map<String, String> values = new TreeMap<>();
    for (final JsonNode variable : dashboard.path("templating").path("list")) {
      final String name = variable.path("name").asText();
      if (variable.path("includeAll").asBoolean() && variable.hasNonNull("allValue")) {
        values.put(name, variable.path("allValue").asText());
      } else {
        final JsonNode current = variable.path("current").path("value");
        values.put(name, current.isArray() ? current.path(0).asText() : current.asText());
      }
    }
    values.put("__rate_interval", window);
    values.put("__interval", "5s");
    values.put("__range", window);
    values.put("__range_s", window.replace("s", ""));
    final Matcher matcher = VARIABLE.matcher(expression);
    final StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      final String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
      final String value = values.get(name);
      if (value == null) {
        throw new AssertionError("unknown variable $" + name + " in " + expression);
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  /** The dashboard model a query belongs to. */
  static JsonNode byTitle(final String title) {
    return all().values().stream().filter(dashboard -> dashboard.path("title").asText().equals(title)).findFirst().orElseThrow();
  }

  private static void collect(final JsonNode nodes, final List<JsonNode> into) {
    for (final JsonNode panel : nodes) {
      if ("row".equals(panel.path("type").asText())) {
        collect(panel.path("panels"), into);
      } else {
        into.add(panel);
      }
    }
  }
}
