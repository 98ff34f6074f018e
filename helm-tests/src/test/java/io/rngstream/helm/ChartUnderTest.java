package io.rngstream.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The chart {@code helm/rng-processor}, rendered and linted through helm-java (Helm 3 as a native library), and the
 * values it is rendered with: its defaults, every {@code values-<env>.yaml} beside them, and the scenarios under
 * {@code src/test/resources/scenarios} that reach the options no environment uses.
 */
final class ChartUnderTest {
  static final String RELEASE = "rng-processor";
  static final String NAMESPACE = "rng-stream";
  /** The oldest Kubernetes the chart supports (Chart.yaml kubeVersion). */
  static final String KUBE_VERSION = "v1.27.0";

  static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<Values, Rendered> RENDERED = new ConcurrentHashMap<>();

  private ChartUnderTest() {
  }

  static Path repository() {
    return Path.of(System.getProperty("rng.repository.dir", "..")).toAbsolutePath().normalize();
  }

  static Path chart() {
    return repository().resolve("helm/rng-processor");
  }

  static Path workDir() {
    return Path.of(System.getProperty("rng.helm-tests.work.dir", "target/helm-tests")).toAbsolutePath();
  }

  static Path testResource(final String name) {
    return Path.of("src/test/resources").resolve(name).toAbsolutePath();
  }

  /** A set of values the chart is rendered with: the defaults alone, or the defaults plus one file. */
  record Values(String name, Optional<Path> file) {
    static Values defaults() {
      return new Values("default", Optional.empty());
    }

    static Values of(final Path file) {
      return new Values(file.getFileName().toString(), Optional.of(file));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The defaults and every environment's values-<env>.yaml: what is deployed. */
  static List<Values> environments() {
    final List<Values> all = new ArrayList<>();
    all.add(Values.defaults());
    all.addAll(files(chart(), "values-").stream().map(Values::of).toList());
    return all;
  }

  /** The environments plus the scenarios that switch on the remaining options. */
  static List<Values> environmentsAndScenarios() {
    final List<Values> all = new ArrayList<>(environments());
    all.addAll(files(testResource("scenarios"), "").stream().map(Values::of).toList());
    return all;
  }

  static List<Path> files(final Path dir, final String prefix) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> p.getFileName().toString().endsWith(".yaml"))
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code helm template} with these values; cached, since rendering is deterministic. */
  static Rendered render(final Values values) {
    return RENDERED.computeIfAbsent(values, v -> Rendered.parse(v.name(), template(v.file().stream().toList())));
  }

  /** {@code helm template} with the defaults plus the given files, in order; throws with Helm's message on failure. */
  static String template(final List<Path> valuesFiles) {
    return template(chart(), valuesFiles);
  }

  /** {@code helm template} of a chart directory (the real one or a copy) with the given values files. */
  static String template(final Path chartDir, final List<Path> valuesFiles) {
    TemplateCommand command = new Helm(chartDir).template()
        .withName(RELEASE)
        .withNamespace(NAMESPACE)
        .withKubeVersion(KUBE_VERSION);
    for (final Path file : valuesFiles) {
      command = command.withValuesFile(file);
    }
    return command.call();
  }

  /**
   * {@code helm lint --strict} of the chart as it would be installed with these values. helm-java's lint takes no
   * values file, so the chart is copied and its values.yaml replaced by the defaults merged with the file the way
   * Helm merges values (maps deep, everything else replaced).
   */
  static LintResult lint(final Values values) {
    final Path chart = values.file().isEmpty() ? chart() : chartCopyWithValues(values);
    return new Helm(chart).lint().strict().call();
  }

  private static Path chartCopyWithValues(final Values values) {
    try {
      final Path copy = workDir().resolve("lint").resolve(values.name()).resolve("rng-processor");
      deleteRecursively(copy);
      copyRecursively(chart(), copy);
      final JsonNode merged = merge(YAML.readTree(chart().resolve("values.yaml").toFile()),
          YAML.readTree(values.file().orElseThrow().toFile()));
      YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Helm's coalescing of values: maps merge key by key, any other value (lists too) replaces; null removes. */
  static JsonNode merge(final JsonNode base, final JsonNode override) {
    if (override == null || override.isMissingNode()) {
      return base;
    }
    if (!(base instanceof ObjectNode baseObject) || !(override instanceof ObjectNode overrideObject)) {
      return override;
    }
    final ObjectNode result = baseObject.deepCopy();
    final Iterator<Map.Entry<String, JsonNode>> fields = overrideObject.fields();
    while (fields.hasNext()) {
      final Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }

  static void copyRecursively(final Path from, final Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (final Path source : walk.toList()) {
        final Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }

  static void deleteRecursively(final Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (final Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** Settings the processor starts with when nothing overrides them (its defaults.properties). */
  static Map<String, String> processorDefaults() {
    final Path file = repository().resolve("processor/src/main/resources/io/rngstream/processor/defaults.properties");
    final java.util.Properties properties = new java.util.Properties();
    try (var in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    final Map<String, String> result = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(k -> result.put(k, properties.getProperty(k).trim()));
    return result;
  }
}
