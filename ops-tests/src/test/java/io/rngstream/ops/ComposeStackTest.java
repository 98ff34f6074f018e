package io.rngstream.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rngstream.processor.config.ConfigSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The compose stack agrees with what it runs: the processor's configuration keys, its ports and topics, the
 * shared rules and dashboards it mounts, the collector and Jaeger it sends traces to, the versions the build
 * tests against, and no secret in the file. (`docker-compose config -q` in .ci/run checks the syntax.)
 */
class ComposeStackTest {
  private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?])?([^}]*)}");
  private static JsonNode compose;
  private static JsonNode services;
  private static Map<String, String> processorDefaults;

  @BeforeAll
  static void read() throws IOException {
    compose = PrometheusRulesTest.read(RepositoryFiles.composeFile());
    services = compose.path("services");
    final Properties defaults = new Properties();
    try (InputStream in = ConfigSource.class.getResourceAsStream("/io/rngstream/processor/defaults.properties")) {
      defaults.load(in);
    }
    processorDefaults = new HashMap<>();
    defaults.stringPropertyNames().forEach(key -> processorDefaults.put(key, defaults.getProperty(key).trim()));
  }

  @Test
  void runsTheWholeStack() {
    final List<String> names = new ArrayList<>();
    services.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyInAnyOrder("kafka", "registry", "processor", "prometheus", "grafana", "otel-collector", "jaeger");
  }

  @Test
  void imagesArePinnedAndKafkaAndTheRegistryMatchTheBuildsVersions() throws Exception {
    services.fields().forEachRemaining(service -> {
      final String image = resolveDefaults(service.getValue().path("image").asText());
      assertThat(image).as("%s image", service.getKey()).matches("[^:]+:[^:]+").doesNotEndWith(":latest");
    });
    final Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(RepositoryFiles.root().resolve("pom.xml").toFile());
    final String kafka = pom.getElementsByTagName("version.kafka").item(0).getTextContent();
    final String registry = pom.getElementsByTagName("version.apicurio.registry.app").item(0).getTextContent();
    assertThat(services.path("kafka").path("image").asText()).isEqualTo("apache/kafka:" + kafka);
    assertThat(services.path("registry").path("image").asText()).isEqualTo("apicurio/apicurio-registry:" + registry);
  }

  @Test
  void everyProcessorSettingIsAKeyTheProcessorKnows() {
    final Set<String> known = new TreeSet<>();
    processorDefaults.keySet().forEach(key -> known.add(ConfigSource.environmentVariable(key)));
    known.add(ConfigSource.CONFIG_FILE_ENV);
    final Map<String, String> environment = processorEnvironment();
    environment.keySet().stream().filter(name -> name.startsWith("RNG_")).forEach(name -> assertThat(
        known.contains(name) || name.startsWith("RNG_KAFKA_") || name.startsWith("RNG_APICURIO_"))
        .as("%s is a processor setting (docs/configuration.md)", name).isTrue());
    assertThat(environment).containsKeys("RNG_KAFKA_BOOTSTRAP_SERVERS", "RNG_REGISTRY_URL");
  }

  @Test
  void theProcessorReachesTheBrokerAndTheRegistryWhereTheyListen() {
    final Map<String, String> environment = processorEnvironment();
    final String bootstrap = environment.get("RNG_KAFKA_BOOTSTRAP_SERVERS");
    final Map<String, String> kafka = environmentOf("kafka");
    assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS")).as("a listener advertised as %s", bootstrap).contains("//" + bootstrap);
    assertThat(bootstrap).startsWith("kafka:");

    final URI registry = URI.create(environment.get("RNG_REGISTRY_URL"));
    assertThat(registry.getHost()).isEqualTo("registry");
    assertThat(registry.getPath()).isEqualTo("/apis/registry/v3");
    assertThat(containerPorts("registry")).contains(registry.getPort());
    assertThat(services.path("registry").path("healthcheck").path("test").toString()).contains(":" + registry.getPort() + "/apis/registry/v3");
  }

  @Test
  void prometheusScrapesTheManagementPortUnderTheJobNameTheRulesSelect() {
    final int managementPort = Integer.parseInt(processorEnvironment().getOrDefault("RNG_MANAGEMENT_PORT",
        processorDefaults.get("management.port")));
    assertThat(containerPorts("processor")).contains(managementPort);
    assertThat(services.path("processor").path("healthcheck").path("test").toString()).contains("localhost:" + managementPort + "/ready");

    final JsonNode prometheusConfig = PrometheusRulesTest.read(RepositoryFiles.composeDir().resolve("prometheus/prometheus.yml"));
    final JsonNode job = scrapeJob(prometheusConfig, PrometheusServer.PROCESSOR_JOB);
    assertThat(job.path("metrics_path").asText("/metrics")).isEqualTo("/metrics");
    final List<String> targets = new ArrayList<>();
    job.path("static_configs").forEach(config -> config.path("targets").forEach(target -> targets.add(target.asText())));
    assertThat(targets).containsExactly("processor:" + managementPort);
  }

  @Test
  void prometheusLoadsTheSharedRulesFile() {
    final Map<String, Path> mounts = bindMounts("prometheus");
    final JsonNode prometheusConfig = PrometheusRulesTest.read(RepositoryFiles.composeDir().resolve("prometheus/prometheus.yml"));
    final List<String> loaded = new ArrayList<>();
    prometheusConfig.path("rule_files").forEach(file -> loaded.add(file.asText()));
    assertThat(loaded).hasSize(1);
    assertThat(mounts.get(loaded.get(0))).as("the host file mounted at %s", loaded.get(0)).isEqualTo(RepositoryFiles.rules());
    final String configTarget = services.path("prometheus").path("command").toString().replaceAll(".*--config.file=([^\"]+).*", "$1");
    assertThat(mounts.get(configTarget)).isEqualTo(RepositoryFiles.composeDir().resolve("prometheus/prometheus.yml"));
  }

  @Test
  void grafanaProvisionsTheSharedDashboardsAndTheDataSourceTheyUse() {
    final Map<String, Path> mounts = bindMounts("grafana");
    final Path provisioning = mounts.get("/etc/grafana/provisioning");
    assertThat(provisioning).isEqualTo(RepositoryFiles.composeDir().resolve("grafana/provisioning"));

    final JsonNode provider = PrometheusRulesTest.read(provisioning.resolve("dashboards/rng-stream.yaml")).path("providers").get(0);
    final String dashboardsPath = provider.path("options").path("path").asText();
    assertThat(mounts.get(dashboardsPath)).as("the host folder mounted at %s", dashboardsPath).isEqualTo(RepositoryFiles.dashboards());
    final String home = environmentOf("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
    assertThat(home).startsWith(dashboardsPath + "/");
    assertThat(RepositoryFiles.dashboards().resolve(home.substring(dashboardsPath.length() + 1))).isRegularFile();

    final JsonNode datasource = PrometheusRulesTest.read(provisioning.resolve("datasources/prometheus.yaml")).path("datasources").get(0);
    assertThat(datasource.path("uid").asText()).isEqualTo(DashboardsTest.DATASOURCE_UID);
    assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
    final URI url = URI.create(datasource.path("url").asText());
    assertThat(url.getHost()).isEqualTo("prometheus");
    assertThat(containerPorts("prometheus")).contains(url.getPort());
  }

  @Test
  void theRulesSelectTheTopicsTheProcessorUses() throws IOException {
    final Map<String, String> environment = processorEnvironment();
    final Set<String> processorTopics = new TreeSet<>();
    for (final String key : List.of("topics.requests", "topics.replies", "topics.audit", "topics.dead-letters")) {
      processorTopics.add(environment.getOrDefault(ConfigSource.environmentVariable(key), processorDefaults.get(key)));
    }
    final Set<String> selected = new TreeSet<>();
    final Matcher topic = Pattern.compile("topic=\"([^\"]+)\"").matcher(Files.readString(RepositoryFiles.rules()));
    while (topic.find()) {
      selected.add(topic.group(1));
    }
    Dashboards.panelQueries().forEach(query -> {
      final Matcher inPanel = Pattern.compile("topic=\"([^\"]+)\"").matcher(query.expression());
      while (inPanel.find()) {
        selected.add(inPanel.group(1));
      }
    });
    assertThat(selected).as("topics named by the rules and dashboards").isNotEmpty();
    assertThat(processorTopics).as("the processor's topics in compose").containsAll(selected);
    assertThat(environment.getOrDefault("RNG_TOPICS_REQUESTS", processorDefaults.get("topics.requests"))).isEqualTo("rng.requests.v1");
  }

  @Test
  void tracesGoThroughTheCollectorToJaeger() {
    final URI otlp = URI.create(processorEnvironment().get("OTEL_EXPORTER_OTLP_ENDPOINT"));
    assertThat(otlp.getHost()).isEqualTo("otel-collector");
    final Map<String, Path> mounts = bindMounts("otel-collector");
    final Path configFile = mounts.get("/etc/otelcol-contrib/config.yaml");
    assertThat(configFile).isRegularFile();
    final JsonNode collector = PrometheusRulesTest.read(configFile);
    final String protocol = processorEnvironment().getOrDefault("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc").startsWith("http") ? "http" : "grpc";
    assertThat(collector.path("receivers").path("otlp").path("protocols").path(protocol).path("endpoint").asText())
        .as("the collector's OTLP %s receiver", protocol).endsWith(":" + otlp.getPort());
    final JsonNode exporters = collector.path("service").path("pipelines").path("traces").path("exporters");
    assertThat(exporters).isNotEmpty();
    final String endpoint = collector.path("exporters").path(exporters.get(0).asText()).path("endpoint").asText();
    assertThat(endpoint).startsWith("jaeger:");
    assertThat(services.has("jaeger")).isTrue();
  }

  @Test
  void startsInOrderOnHealthChecks() {
    final JsonNode dependsOn = services.path("processor").path("depends_on");
    for (final String dependency : List.of("kafka", "registry")) {
      assertThat(dependsOn.path(dependency).path("condition").asText()).as("processor waits for %s", dependency).isEqualTo("service_healthy");
      assertThat(services.path(dependency).path("healthcheck").path("test")).as("%s health check", dependency).isNotEmpty();
    }
    assertThat(services.path("grafana").path("depends_on").path("prometheus").path("condition").asText()).isEqualTo("service_healthy");
    for (final String checked : List.of("kafka", "registry", "processor", "prometheus", "grafana")) {
      assertThat(services.path(checked).path("healthcheck").path("test")).as("%s health check", checked).isNotEmpty();
    }
  }

  @Test
  void everyMountedHostPathExists() {
    services.fieldNames().forEachRemaining(name -> bindMounts(name).values()
        .forEach(path -> assertThat(path).as("%s mounts %s", name, path).exists()));
    assertThat(Path.of(RepositoryFiles.composeDir().toString(), services.path("processor").path("build").path("context").asText(),
        services.path("processor").path("build").path("dockerfile").asText()).normalize()).isRegularFile();
  }

  @Test
  void noSecretInTheFileAndEveryVariableWithoutDefaultIsInTheExample() throws IOException {
    final String text = Files.readString(RepositoryFiles.composeFile());
    final Properties example = new Properties();
    try (InputStream in = Files.newInputStream(RepositoryFiles.composeDir().resolve(".env.example"))) {
      example.load(in);
    }
    final Matcher variable = INTERPOLATION.matcher(text);
    while (variable.find()) {
      if (variable.group(2) == null || variable.group(2).endsWith("?")) {
        assertThat(example).as("compose/.env.example sets %s", variable.group(1)).containsKey(variable.group(1));
      }
    }
    services.fields().forEachRemaining(service -> environmentOf(service.getKey()).forEach((name, value) -> {
      if (name.matches(".*(PASSWORD|SECRET|TOKEN|CREDENTIAL|_KEY)$")) {
        assertThat(value).as("%s of %s comes from compose/.env", name, service.getKey()).startsWith("${").doesNotContain(":-");
      }
    }));
  }

  @Test
  void theReadmeSendsARequestToThePortsTheStackPublishes() throws IOException {
    final String readme = Files.readString(RepositoryFiles.composeDir().resolve("README.md"));
    assertThat(hostPorts("kafka")).contains(9092);
    assertThat(hostPorts("registry")).contains(8080);
    assertThat(environmentOf("kafka").get("KAFKA_ADVERTISED_LISTENERS")).contains("//localhost:9092");
    assertThat(readme).contains("./rng draw --bootstrap-servers localhost:9092 --registry-url http://localhost:8080/apis/registry/v3 --min 1 --max 6");
    for (final int port : List.of(8081, 9090, 3000, 16686)) {
      assertThat(readme).contains("localhost:" + port);
    }
  }

  private static Map<String, String> processorEnvironment() {
    return environmentOf("processor");
  }

  private static Map<String, String> environmentOf(final String service) {
    final Map<String, String> environment = new HashMap<>();
    final JsonNode node = services.path(service).path("environment");
    if (node.isArray()) {
      node.forEach(entry -> {
        final String[] pair = entry.asText().split("=", 2);
        environment.put(pair[0], pair.length > 1 ? pair[1] : "");
      });
    } else {
      node.fields().forEachRemaining(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
    }
    return environment;
  }

  /** Container path to host path of a service's bind mounts (relative paths resolved against compose/). */
  private static Map<String, Path> bindMounts(final String service) {
    final Map<String, Path> mounts = new HashMap<>();
    for (final JsonNode volume : services.path(service).path("volumes")) {
      final String[] parts = volume.asText().split(":");
      if (parts[0].startsWith(".") || parts[0].startsWith("/")) {
        mounts.put(parts[1], RepositoryFiles.composeDir().resolve(parts[0]).normalize());
      }
    }
    return mounts;
  }

  /** Published ports "host-ip:host:container" or "host:container": the container side. */
  private static Set<Integer> containerPorts(final String service) {
    final Set<Integer> ports = new TreeSet<>();
    services.path(service).path("ports").forEach(port -> {
      final String[] parts = port.asText().split(":");
      ports.add(Integer.parseInt(parts[parts.length - 1].replaceAll("/.*", "")));
    });
    return ports;
  }

  private static Set<Integer> hostPorts(final String service) {
    final Set<Integer> ports = new TreeSet<>();
    services.path(service).path("ports").forEach(port -> {
      final String[] parts = port.asText().split(":");
      ports.add(Integer.parseInt(parts[parts.length - 2]));
    });
    return ports;
  }

  private static JsonNode scrapeJob(final JsonNode prometheusConfig, final String name) {
    for (final JsonNode job : prometheusConfig.path("scrape_configs")) {
      if (name.equals(job.path("job_name").asText())) {
        return job;
      }
    }
    throw new AssertionError("compose/prometheus/prometheus.yml has no scrape job " + name + " (the rules select job=\"" + name + "\")");
  }

  private static String resolveDefaults(final String text) {
    return INTERPOLATION.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(3)));
  }
}
