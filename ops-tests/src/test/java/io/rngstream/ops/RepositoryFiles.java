package io.rngstream.ops;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The operations files under test, read in place from the repository: one copy serves the compose stack and
 * the Helm chart, so the tests must check that copy and never one of their own.
 */
final class RepositoryFiles {
  /** Set by the build (ops-tests/pom.xml); the module's parent directory otherwise. */
  private static final Path ROOT = Path.of(System.getProperty("ops.repository.root", "..")).toAbsolutePath().normalize();

  private RepositoryFiles() {
  }

  static Path root() {
    return ROOT;
  }

  /** The chart's files/ folder: the single source of rules and dashboards. */
  static Path opsFiles() {
    return ROOT.resolve("helm/rng-processor/files");
  }

  /** Recording and alerting rules (a Prometheus rule file; its groups are a PrometheusRule's spec.groups). */
  static Path rules() {
    return opsFiles().resolve("prometheus/rng-rules.yaml");
  }

  /** promtool unit tests of the rules. */
  static Path ruleTests() {
    return opsFiles().resolve("prometheus/tests");
  }

  /** Grafana dashboards, one JSON model per file. */
  static Path dashboards() {
    return opsFiles().resolve("grafana/dashboards");
  }

  static Path composeDir() {
    return ROOT.resolve("compose");
  }

  static Path composeFile() {
    return composeDir().resolve("docker-compose.yml");
  }

  static Path runbooks() {
    return ROOT.resolve("docs/runbooks");
  }

  /** A target/ directory of this module for work files (Prometheus' data, generated configuration). */
  static Path workDir(final String name) {
    final Path target = Path.of("target");
    final Path base = Files.isDirectory(target) ? target : ROOT.resolve("ops-tests/target");
    return base.resolve(name).toAbsolutePath();
  }
}
