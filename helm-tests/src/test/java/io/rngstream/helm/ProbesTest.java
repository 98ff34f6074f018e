package io.rngstream.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Probes, Service and ServiceMonitor use what the processor really serves: the routes of its management server
 * (read from ManagementServer.java) on the port of its defaults.properties (management.port).
 */
class ProbesTest {
  private static final Path MANAGEMENT_SERVER =
      Path.of("processor/src/main/java/io/rngstream/processor/observe/ManagementServer.java");
  private static Set<String> routes;
  private static String managementServerSource;
  private static int managementPort;

  @BeforeAll
  static void readWhatTheProcessorServes() throws IOException {
    final String source = Files.readString(ChartUnderTest.repository().resolve(MANAGEMENT_SERVER));
    managementServerSource = source;
    final Matcher get = Pattern.compile("\\.get\\(\"(/[^\"]*)\"").matcher(source);
    routes = get.results().map(m -> m.group(1)).collect(Collectors.toSet());
    managementPort = Integer.parseInt(ChartUnderTest.processorDefaults().get("management.port"));
    assertThat(routes).as("routes of %s", MANAGEMENT_SERVER).contains("/health", "/ready");
  }

  static List<ChartUnderTest.Values> values() {
    return ChartUnderTest.environmentsAndScenarios();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void probesHitTheProcessorsHealthAndReadinessRoutesOnItsManagementPort(final ChartUnderTest.Values values) {
    final JsonNode container = processor(values);

    assertProbe(values, container, "startupProbe", "/health");
    assertProbe(values, container, "livenessProbe", "/health");
    assertProbe(values, container, "readinessProbe", "/ready");
    assertThat(PodSecurityTest.env(ChartUnderTest.render(values), "RNG_MANAGEMENT_PORT"))
        .as("%s RNG_MANAGEMENT_PORT", values).isEqualTo(Integer.toString(managementPort));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void theStartupProbeAllowsMinutesForStateRestoration(final ChartUnderTest.Values values) {
    final JsonNode startup = processor(values).path("startupProbe");
    final int seconds = startup.path("periodSeconds").asInt() * startup.path("failureThreshold").asInt();

    assertThat(seconds).as("%s startup budget (s)", values).isGreaterThanOrEqualTo(300);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void serviceAndServiceMonitorReachTheManagementPortAndMetricsPath(final ChartUnderTest.Values values) {
    final Rendered rendered = ChartUnderTest.render(values);
    for (final JsonNode service : rendered.ofKind("Service")) {
      final JsonNode port = service.path("spec").path("ports").get(0);
      assertThat(port.path("port").asInt()).as("%s Service port", values).isEqualTo(managementPort);
      assertThat(port.path("targetPort").asText()).as("%s Service targetPort", values).isEqualTo("management");
    }
    for (final JsonNode monitor : rendered.ofKind("ServiceMonitor")) {
      final JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
      assertThat(endpoint.path("port").asText()).as("%s ServiceMonitor port", values).isEqualTo("management");
      assertThat(endpoint.path("path").asText()).as("%s ServiceMonitor path", values).isEqualTo("/metrics");
      // Helidon's ObserveFeature at "/" with the metrics observer serves /metrics.
      assertThat(managementServerSource).as("the processor serves /metrics")
          .contains("ObserveFeature.builder().endpoint(\"/\")").contains("MetricsObserver");
    }
  }

  private static void assertProbe(final ChartUnderTest.Values values, final JsonNode container, final String probe,
      final String path) {
    final JsonNode get = container.path(probe).path("httpGet");
    assertThat(get.path("path").asText()).as("%s %s path", values, probe).isEqualTo(path).isIn(routes);
    assertThat(resolvePort(container, get.path("port"))).as("%s %s port", values, probe).isEqualTo(managementPort);
  }

  private static int resolvePort(final JsonNode container, final JsonNode port) {
    if (port.isInt()) {
      return port.asInt();
    }
    for (final JsonNode declared : container.path("ports")) {
      if (port.asText().equals(declared.path("name").asText())) {
        return declared.path("containerPort").asInt();
      }
    }
    throw new AssertionError("port " + port + " is not declared by the container");
  }

  private static JsonNode processor(final ChartUnderTest.Values values) {
    return ChartUnderTest.render(values).workload().path("spec").path("template").path("spec").path("containers").get(0);
  }
}
