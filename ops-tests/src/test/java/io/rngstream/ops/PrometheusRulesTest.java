package io.rngstream.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The rules file on its own: promtool's checks and unit tests, and what every alert must carry. */
class PrometheusRulesTest {
  /** The runbook base URL every runbook_url starts with (named once at the top of the rules file). */
  static final String RUNBOOK_BASE = "https://github.com/rng-stream/rng-stream/blob/main/docs/runbooks/";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void promtoolChecksTheRules() {
    final Promtool.Result result = Promtool.run(RepositoryFiles.root(), "check", "rules", RepositoryFiles.rules().toString());
    assertThat(result.exitCode()).as("promtool check rules:%n%s", result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void promtoolUnitTestsOfTheRulesPass() {
    final List<String> arguments = new ArrayList<>(List.of("test", "rules"));
    ruleTestFiles().forEach(file -> arguments.add(file.getFileName().toString()));
    final Promtool.Result result = Promtool.run(RepositoryFiles.ruleTests(), arguments.toArray(String[]::new));
    assertThat(result.exitCode()).as("promtool test rules:%n%s", result.output()).isZero();
  }

  @Test
  void everyAlertFiresInSomeUnitTestAndStaysQuietInAnother() {
    final Set<String> fires = new TreeSet<>();
    final Set<String> quiet = new TreeSet<>();
    for (final Path file : ruleTestFiles()) {
      final JsonNode tests = read(file);
      assertThat(tests.path("rule_files").toString()).as("%s tests the shared rules file", file).contains("rng-rules.yaml");
      for (final JsonNode test : tests.path("tests")) {
        for (final JsonNode alertTest : test.path("alert_rule_test")) {
          (alertTest.path("exp_alerts").isEmpty() ? quiet : fires).add(alertTest.path("alertname").asText());
        }
      }
    }
    final Set<String> alerts = alerts().keySet();
    assertThat(fires).as("alerts with a unit test in which they fire").containsAll(alerts);
    assertThat(quiet).as("alerts with a unit test in which they stay quiet").containsAll(alerts);
    assertThat(alerts).as("alerts the unit tests name").containsAll(fires).containsAll(quiet);
  }

  @Test
  void unitTestsEvaluateEveryGroupInTheOrderOfTheRulesFile() {
    // Without group_eval_order promtool evaluates the groups in a random order: an alert would sometimes read the
    // SLIs of the minute before, and a test pass or fail by chance.
    final List<String> groups = new ArrayList<>();
    read(RepositoryFiles.rules()).path("groups").forEach(group -> groups.add(group.path("name").asText()));
    for (final Path file : ruleTestFiles()) {
      final List<String> order = new ArrayList<>();
      read(file).path("group_eval_order").forEach(group -> order.add(group.asText()));
      assertThat(order).as("group_eval_order of %s", file).isEqualTo(groups);
    }
  }

  @Test
  void everyAlertHasASeveritySummaryDescriptionAndARunbookThatExists() {
    final Map<String, JsonNode> alerts = alerts();
    assertThat(alerts).as("alerts in %s", RepositoryFiles.rules()).hasSizeGreaterThanOrEqualTo(12);
    alerts.forEach((name, alert) -> {
      assertThat(alert.path("labels").path("severity").asText()).as("%s severity", name).isIn("page", "ticket");
      assertThat(alert.path("annotations").path("summary").asText()).as("%s summary", name).isNotBlank();
      assertThat(alert.path("annotations").path("description").asText()).as("%s description", name).isNotBlank();
      final String runbook = alert.path("annotations").path("runbook_url").asText();
      assertThat(runbook).as("%s runbook_url", name).startsWith(RUNBOOK_BASE);
      final String[] fileAndAnchor = runbook.substring(RUNBOOK_BASE.length()).split("#", 2);
      final Path page = RepositoryFiles.runbooks().resolve(fileAndAnchor[0]);
      assertThat(page).as("%s runbook", name).isRegularFile();
      if (fileAndAnchor.length == 2) {
        assertThat(MarkdownAnchors.of(page)).as("%s: headings of %s", name, page).contains(fileAndAnchor[1]);
      }
    });
  }

  @Test
  void theRulesFileHoldsOnlyGroupsSoThatItIsAPrometheusRuleSpecToo() {
    final JsonNode file = read(RepositoryFiles.rules());
    final List<String> keys = new ArrayList<>();
    file.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("groups");
    final List<String> groups = new ArrayList<>();
    file.path("groups").forEach(group -> groups.add(group.path("name").asText()));
    assertThat(groups).doesNotHaveDuplicates().allSatisfy(name -> assertThat(name).startsWith("rng-"));
  }

  @Test
  void theRulesFileNamesItsRunbookBase() throws IOException {
    assertThat(Files.readString(RepositoryFiles.rules())).contains("runbook_base_url: " + RUNBOOK_BASE);
  }

  /** The alerting rules by name. */
  static Map<String, JsonNode> alerts() {
    final Map<String, JsonNode> alerts = new TreeMap<>();
    for (final JsonNode group : read(RepositoryFiles.rules()).path("groups")) {
      for (final JsonNode rule : group.path("rules")) {
        if (rule.has("alert")) {
          assertThat(alerts.put(rule.path("alert").asText(), rule)).as("alert %s defined twice", rule.path("alert").asText()).isNull();
        }
      }
    }
    return alerts;
  }

  private static List<Path> ruleTestFiles() {
    try (Stream<Path> files = Files.list(RepositoryFiles.ruleTests())) {
      final List<Path> tests = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
      assertThat(tests).as("promtool tests in %s", RepositoryFiles.ruleTests()).isNotEmpty();
      return tests;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode read(final Path yaml) {
    try {
      return YAML.readTree(yaml.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
