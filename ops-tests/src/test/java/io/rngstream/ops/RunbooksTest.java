package io.rngstream.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.core.protocol.DeadLetterReason;
import io.rngstream.core.protocol.Headers;
import io.rngstream.core.protocol.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runbooks stay true to what they describe: every runbook link of the alerts reaches a page and heading, and every
 * metric, alert, header, topic and page a runbook names in backticks or links exists.
 */
class RunbooksTest {
  /** A runbook link anywhere in the operations files: page and optional heading. */
  private static final Pattern RUNBOOK_LINK =
      Pattern.compile(Pattern.quote(PrometheusRulesTest.RUNBOOK_BASE) + "([A-Za-z0-9_.-]+\\.md)(?:#([A-Za-z0-9_-]+))?");
  /** Inline code in Markdown (one backtick pair, no line breaks inside). */
  private static final Pattern INLINE_CODE = Pattern.compile("`([^`\\n]+)`");
  /**
   * A metric or recorded series of ours, the Kafka bridge's, or the JVM binders': a whole word, so that a header
   * ({@code kafka_correlationId}) or the stem of a regular expression ({@code rng_streams_(state|...)}) is not one.
   */
  private static final Pattern METRIC =
      Pattern.compile("(?<![A-Za-z0-9_.:-])((?:rng|kafka|jvm|process)[_:][a-z0-9_:]*[a-z0-9])(?![A-Za-z0-9_(])");
  /** Histogram and summary series derived from a documented base name. */
  private static final Pattern DERIVED_SUFFIX = Pattern.compile("_(?:bucket|count|sum|max)$");
  /** Alert names of the rules file: Rng followed by a capitalised word. */
  private static final Pattern ALERT = Pattern.compile("\\bRng[A-Z][A-Za-z]+\\b");
  /** Any identifier a metric could be named by, to collect what the documented sources name. */
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
  /** A dead-letter header or one of the service's topics, as a runbook writes them. */
  private static final Pattern DLQ_HEADER = Pattern.compile("^rng\\.dlq\\.[a-z.]+$");
  private static final Pattern TOPIC = Pattern.compile("^rng\\.[a-z.]+\\.v[0-9]+$");
  /** A relative link from one runbook to another (or to itself), with an optional heading. */
  private static final Pattern PAGE_LINK = Pattern.compile("\\]\\(([A-Za-z0-9_.-]*\\.md)?(?:#([A-Za-z0-9_-]+))?\\)");
  /** The pages issue 6 asks for, besides the ones the alerts link to. */
  private static final List<String> REQUIRED_PAGES = List.of("README.md", "processor-not-ready.md", "consumer-lag.md",
      "dead-letters.md", "audit-verify-failing.md", "signing-key-rotation.md", "rollback.md", "disaster-recovery.md");

  @Test
  void everyRunbookLinkOfTheOperationsFilesReachesAPageAndHeading() {
    final Map<String, List<String>> links = new TreeMap<>();
    try (Stream<Path> files = Stream.concat(Files.walk(RepositoryFiles.root().resolve("helm")),
        Files.walk(RepositoryFiles.composeDir()))) {
      for (final Path file : files.filter(Files::isRegularFile).filter(RunbooksTest::isText).toList()) {
        final Matcher link = RUNBOOK_LINK.matcher(read(file));
        while (link.find()) {
          links.computeIfAbsent(link.group(), key -> new ArrayList<>()).add(RepositoryFiles.root().relativize(file).toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    final Set<String> fromRules = new TreeSet<>();
    PrometheusRulesTest.alerts().values()
        .forEach(alert -> fromRules.add(alert.path("annotations").path("runbook_url").asText()));
    assertThat(links.keySet()).as("runbook links found in helm/ and compose/").containsAll(fromRules);

    links.forEach((url, where) -> {
      final Matcher link = RUNBOOK_LINK.matcher(url);
      assertThat(link.matches()).isTrue();
      final Path page = RepositoryFiles.runbooks().resolve(link.group(1));
      assertThat(page).as("%s (linked from %s)", url, where).isRegularFile();
      if (link.group(2) != null) {
        assertThat(MarkdownAnchors.of(page)).as("headings of %s (linked from %s)", page, where).contains(link.group(2));
      }
    });
  }

  @Test
  void theRunbooksTheIssueAsksForExistAndNoneIsAPlaceholder() {
    for (final String name : REQUIRED_PAGES) {
      final Path page = RepositoryFiles.runbooks().resolve(name);
      assertThat(page).as("runbook %s", name).isRegularFile();
      assertThat(read(page)).as("%s", name).doesNotContainIgnoringCase("placeholder");
    }
    for (final Path page : pages()) {
      if (!page.getFileName().toString().equals("README.md")) {
        final Set<String> anchors = MarkdownAnchors.of(page);
        assertThat(List.of("symptoms", "diagnose", "fix", "confirm")).as("sections of %s: %s", page, anchors)
            .allSatisfy(section -> assertThat(anchors).anySatisfy(anchor -> assertThat(
                anchor.equals(section) || anchor.startsWith(section + "-")).isTrue()));
      }
    }
  }

  @Test
  void everyMetricARunbookNamesIsDocumentedOrUsedByTheRulesAndDashboards() {
    final Set<String> known = new TreeSet<>();
    known.addAll(identifiers(read(RepositoryFiles.root().resolve("docs/metrics.md"))));
    known.addAll(identifiers(read(RepositoryFiles.rules())));
    Dashboards.panelQueries().forEach(query -> known.addAll(identifiers(query.expression())));

    final Map<String, Set<String>> unknown = new TreeMap<>();
    final Set<String> named = new TreeSet<>();
    forEachInlineCode((page, code) -> {
      final Matcher metric = METRIC.matcher(code);
      while (metric.find()) {
        final String name = metric.group(1);
        named.add(name);
        if (!known.contains(name) && !known.contains(DERIVED_SUFFIX.matcher(name).replaceFirst(""))) {
          unknown.computeIfAbsent(name, key -> new TreeSet<>()).add(page);
        }
      }
    });
    assertThat(named).as("metrics named in the runbooks").contains("rng_dead_letters_total",
        "rng_streams_state", "kafka_consumer_fetch_manager_metrics_records_lag", "rng_audit_chain_errors_total",
        "rng_signing_failures_total");
    assertThat(unknown).as("metrics in the runbooks that neither docs/metrics.md nor the rules nor the dashboards name")
        .isEmpty();
  }

  @Test
  void everyAlertARunbookNamesExistsAndTheIndexListsEveryAlert() {
    final Set<String> alerts = PrometheusRulesTest.alerts().keySet();
    final Map<String, Set<String>> unknown = new TreeMap<>();
    forEachInlineCode((page, code) -> {
      final Matcher alert = ALERT.matcher(code);
      while (alert.find()) {
        if (!alerts.contains(alert.group())) {
          unknown.computeIfAbsent(alert.group(), key -> new TreeSet<>()).add(page);
        }
      }
    });
    assertThat(unknown).as("alerts named in the runbooks that the rules do not define").isEmpty();
    final String index = read(RepositoryFiles.runbooks().resolve("README.md"));
    assertThat(alerts).allSatisfy(alert -> assertThat(index).as("the runbook index").contains("`" + alert + "`"));
  }

  @Test
  void everyDeadLetterHeaderReasonAndTopicARunbookNamesIsTheProtocols() {
    final Set<String> headers = constants(Headers.class);
    final Set<String> topics = constants(Topics.class);
    final Set<String> reasons = Arrays.stream(DeadLetterReason.values()).map(Enum::name).collect(Collectors.toSet());
    final List<String> wrong = new ArrayList<>();
    final Set<String> seen = new TreeSet<>();
    forEachInlineCode((page, code) -> {
      if (DLQ_HEADER.matcher(code).matches()) {
        seen.add(code);
        if (!headers.contains(code)) {
          wrong.add(page + ": header " + code);
        }
      }
      if (TOPIC.matcher(code).matches() && !topics.contains(code)) {
        wrong.add(page + ": topic " + code);
      }
    });
    assertThat(seen).as("dead-letter headers named in the runbooks")
        .containsAll(headers.stream().filter(name -> name.startsWith("rng.dlq.")).toList());
    final String deadLetters = read(RepositoryFiles.runbooks().resolve("dead-letters.md"));
    assertThat(reasons).allSatisfy(reason -> assertThat(deadLetters).contains("`" + reason + "`")
        .contains("`" + reason.toLowerCase(java.util.Locale.ROOT) + "`"));
    assertThat(wrong).isEmpty();
  }

  @Test
  void everyLinkBetweenRunbooksReachesAPageAndHeading() {
    final List<String> broken = new ArrayList<>();
    for (final Path page : pages()) {
      final Matcher link = PAGE_LINK.matcher(read(page));
      while (link.find()) {
        if (link.group(1) == null && link.group(2) == null) {
          continue;
        }
        final Path target = link.group(1) == null ? page : page.resolveSibling(link.group(1));
        if (!Files.isRegularFile(target)) {
          broken.add(page.getFileName() + ": " + link.group());
        } else if (link.group(2) != null && !MarkdownAnchors.of(target).contains(link.group(2))) {
          broken.add(page.getFileName() + ": " + link.group() + " (no such heading)");
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  private interface CodeVisitor {
    void visit(String page, String code);
  }

  /** Every inline code span of every runbook, and the inside of its fenced code blocks line by line. */
  private static void forEachInlineCode(final CodeVisitor visitor) {
    for (final Path page : pages()) {
      final String name = page.getFileName().toString();
      boolean fenced = false;
      for (final String line : read(page).split("\n", -1)) {
        if (line.stripLeading().startsWith("```")) {
          fenced = !fenced;
        } else if (fenced) {
          visitor.visit(name, line);
        } else {
          final Matcher code = INLINE_CODE.matcher(line);
          while (code.find()) {
            visitor.visit(name, code.group(1));
          }
        }
      }
    }
  }

  private static List<Path> pages() {
    try (Stream<Path> files = Files.list(RepositoryFiles.runbooks())) {
      final List<Path> pages = files.filter(file -> file.toString().endsWith(".md")).sorted().toList();
      assertThat(pages).as("runbooks in %s", RepositoryFiles.runbooks()).isNotEmpty();
      return pages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> identifiers(final String text) {
    final Set<String> names = new TreeSet<>();
    final Matcher identifier = IDENTIFIER.matcher(text);
    while (identifier.find()) {
      names.add(identifier.group());
    }
    return names;
  }

  private static Set<String> constants(final Class<?> type) {
    final Set<String> values = new TreeSet<>();
    for (final Field field : type.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          values.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return values;
  }

  private static boolean isText(final Path file) {
    final String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json") || name.endsWith(".tpl")
        || name.endsWith(".txt") || name.endsWith(".md");
  }

  private static String read(final Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
