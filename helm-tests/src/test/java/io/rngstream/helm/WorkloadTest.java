package io.rngstream.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Availability, scaling, identity and network rules of what is rendered: the disruption budget and spreading select
 * the processor's pods, no instance count goes above the partitions of the requests topic, autoscalers target the
 * rendered workload, a StatefulSet keeps state and static membership, and the NetworkPolicy admits only what the
 * processor needs.
 */
class WorkloadTest {
  /** Broker, registry, OTLP, STS and DNS ports: nothing else may leave the pods. */
  private static final Set<Integer> EGRESS_PORTS = Set.of(9092, 9094, 9096, 9098, 8080, 443, 4317, 4318, 53);

  static List<ChartUnderTest.Values> values() {
    return ChartUnderTest.environmentsAndScenarios();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void instancesNeverOutnumberThePartitionsOfTheRequestsTopic(final ChartUnderTest.Values values) {
    final Rendered rendered = ChartUnderTest.render(values);
    final int partitions = mergedValues(values).path("kafka").path("requestsTopicPartitions").asInt();
    final JsonNode spec = rendered.workload().path("spec");

    final boolean autoscaled = rendered.has("HorizontalPodAutoscaler") || rendered.has("ScaledObject");
    if (autoscaled) {
      assertThat(spec.has("replicas")).as("%s: replicas are left to the autoscaler", values).isFalse();
    } else {
      assertThat(spec.path("replicas").asInt()).as("%s replicas", values).isBetween(0, partitions);
    }
    rendered.ofKind("HorizontalPodAutoscaler").forEach(h ->
        assertThat(h.path("spec").path("maxReplicas").asInt()).as("%s HPA max", values).isLessThanOrEqualTo(partitions));
    rendered.ofKind("ScaledObject").forEach(s ->
        assertThat(s.path("spec").path("maxReplicaCount").asInt()).as("%s KEDA max", values).isLessThanOrEqualTo(partitions));
    assertThat(rendered.has("HorizontalPodAutoscaler") && rendered.has("ScaledObject")).as("%s HPA and KEDA", values).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void autoscalersTargetTheRenderedWorkload(final ChartUnderTest.Values values) {
    final Rendered rendered = ChartUnderTest.render(values);
    final JsonNode workload = rendered.workload();
    final List<JsonNode> targets = new ArrayList<>();
    rendered.ofKind("HorizontalPodAutoscaler").forEach(h -> targets.add(h.path("spec").path("scaleTargetRef")));
    rendered.ofKind("ScaledObject").forEach(s -> targets.add(s.path("spec").path("scaleTargetRef")));
    for (final JsonNode target : targets) {
      assertThat(target.path("kind").asText()).as("%s target kind", values).isEqualTo(workload.path("kind").asText());
      assertThat(target.path("apiVersion").asText()).as("%s target apiVersion", values).isEqualTo(workload.path("apiVersion").asText());
      assertThat(target.path("name").asText()).as("%s target name", values).isEqualTo(workload.path("metadata").path("name").asText());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void kedaMeasuresTheLagOfTheProcessorsGroupOnTheRequestsTopic(final ChartUnderTest.Values values) {
    final Rendered rendered = ChartUnderTest.render(values);
    final var properties = rendered.processorProperties();
    for (final JsonNode scaledObject : rendered.ofKind("ScaledObject")) {
      final JsonNode trigger = scaledObject.path("spec").path("triggers").get(0);
      assertThat(trigger.path("type").asText()).isEqualTo("kafka");
      final JsonNode metadata = trigger.path("metadata");
      assertThat(metadata.path("consumerGroup").asText()).as("%s group", values)
          .isEqualTo(properties.getProperty("application.id", ChartUnderTest.processorDefaults().get("application.id")));
      assertThat(metadata.path("topic").asText()).as("%s topic", values)
          .isEqualTo(properties.getProperty("topics.requests", ChartUnderTest.processorDefaults().get("topics.requests")));
      assertThat(metadata.path("bootstrapServers").asText()).isEqualTo(properties.getProperty("kafka.bootstrap.servers"));
      assertThat(metadata.path("allowIdleConsumers").asText()).isEqualTo("false");
      final String auth = PodSecurityTest.env(rendered, "RNG_KAFKA_SECURITY_PROTOCOL");
      if (!auth.equals("PLAINTEXT")) {
        assertThat(metadata.path("tls").asText()).as("%s KEDA over TLS like the processor", values).isEqualTo("enable");
      }
      if (trigger.has("authenticationRef")) {
        final String name = trigger.path("authenticationRef").path("name").asText();
        assertThat(rendered.ofKind("TriggerAuthentication")).as("%s TriggerAuthentication %s", values, name)
            .anyMatch(t -> t.path("metadata").path("name").asText().equals(name));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void budgetSpreadingAndAntiAffinitySelectTheProcessorsPods(final ChartUnderTest.Values values) {
    final Rendered rendered = ChartUnderTest.render(values);
    final JsonNode podLabels = rendered.workload().path("spec").path("template").path("metadata").path("labels");
    final JsonNode pod = rendered.workload().path("spec").path("template").path("spec");
    final List<JsonNode> selectors = new ArrayList<>();
    rendered.ofKind("PodDisruptionBudget").forEach(p -> selectors.add(p.path("spec").path("selector").path("matchLabels")));
    pod.path("topologySpreadConstraints").forEach(t -> selectors.add(t.path("labelSelector").path("matchLabels")));
    pod.path("affinity").path("podAntiAffinity").path("preferredDuringSchedulingIgnoredDuringExecution")
        .forEach(t -> selectors.add(t.path("podAffinityTerm").path("labelSelector").path("matchLabels")));
    pod.path("affinity").path("podAntiAffinity").path("requiredDuringSchedulingIgnoredDuringExecution")
        .forEach(t -> selectors.add(t.path("labelSelector").path("matchLabels")));
    selectors.add(rendered.workload().path("spec").path("selector").path("matchLabels"));

    for (final JsonNode selector : selectors) {
      assertThat(selector.isEmpty()).as("%s empty selector", values).isFalse();
      selector.fields().forEachRemaining(e ->
          assertThat(podLabels.path(e.getKey()).asText()).as("%s selector %s", values, e.getKey()).isEqualTo(e.getValue().asText()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("environments")
  void everyEnvironmentHasABudgetSpreadingOverZonesAndHostsAndAntiAffinity(final ChartUnderTest.Values values) {
    final Rendered rendered = ChartUnderTest.render(values);
    final JsonNode pod = rendered.workload().path("spec").path("template").path("spec");
    final List<String> keys = new ArrayList<>();
    pod.path("topologySpreadConstraints").forEach(t -> keys.add(t.path("topologyKey").asText()));

    assertThat(rendered.single("PodDisruptionBudget").path("spec").path("maxUnavailable").asInt()).isEqualTo(1);
    assertThat(keys).as("%s spreading", values).contains("topology.kubernetes.io/zone", "kubernetes.io/hostname");
    assertThat(pod.path("affinity").path("podAntiAffinity").isEmpty()).as("%s anti-affinity", values).isFalse();
  }

  static List<ChartUnderTest.Values> environments() {
    return ChartUnderTest.environments();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void eachPodIsItsOwnInstanceAndAStatefulSetKeepsStateAndMembership(final ChartUnderTest.Values values) {
    final Rendered rendered = ChartUnderTest.render(values);
    final JsonNode workload = rendered.workload();
    final JsonNode container = workload.path("spec").path("template").path("spec").path("containers").get(0);
    final Map<String, JsonNode> env = new java.util.HashMap<>();
    container.path("env").forEach(e -> env.put(e.path("name").asText(), e));

    assertThat(env.get("POD_NAME").path("valueFrom").path("fieldRef").path("fieldPath").asText()).isEqualTo("metadata.name");
    assertThat(env.get("RNG_INSTANCE_ID").path("value").asText()).as("%s audit instance id", values).isEqualTo("$(POD_NAME)");
    final boolean statefulSet = workload.path("kind").asText().equals("StatefulSet");
    final boolean staticMembership = mergedValues(values).path("kafka").path("staticMembership").asBoolean();
    if (statefulSet) {
      final String headless = workload.path("spec").path("serviceName").asText();
      assertThat(rendered.ofKind("Service")).as("%s governing Service", values)
          .anyMatch(s -> s.path("metadata").path("name").asText().equals(headless)
              && s.path("spec").path("clusterIP").asText().equals("None"));
    }
    if (statefulSet && staticMembership) {
      assertThat(env).as("%s static membership", values).containsKey("RNG_KAFKA_GROUP_INSTANCE_ID");
      assertThat(env.get("RNG_KAFKA_GROUP_INSTANCE_ID").path("value").asText()).isEqualTo("$(POD_NAME)");
    } else {
      assertThat(env).as("%s: static membership only with the stable names of a StatefulSet", values)
          .doesNotContainKey("RNG_KAFKA_GROUP_INSTANCE_ID");
    }
    if (statefulSet && mergedValues(values).path("state").path("persistence").path("enabled").asBoolean()) {
      assertThat(workload.path("spec").path("volumeClaimTemplates").get(0).path("metadata").path("name").asText())
          .as("%s state claim", values).isEqualTo("state");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void aCanaryIsJudgedOnTheSloMetricsOfItsOwnInstances(final ChartUnderTest.Values values) {
    final Rendered rendered = ChartUnderTest.render(values);
    if (!rendered.has("Rollout")) {
      assertThat(rendered.has("AnalysisTemplate")).isFalse();
      return;
    }
    final JsonNode analysis = rendered.single("Rollout").path("spec").path("strategy").path("canary").path("analysis");
    final JsonNode template = rendered.single("AnalysisTemplate");
    assertThat(analysis.path("templates").get(0).path("templateName").asText())
        .isEqualTo(template.path("metadata").path("name").asText());
    final StringBuilder queries = new StringBuilder();
    template.path("spec").path("metrics").forEach(m -> queries.append(m.path("provider").path("prometheus").path("query").asText()));
    assertThat(queries.toString()).contains("rng_request_latency_seconds_bucket", "rng_requests_total", "rng_dead_letters_total",
        "rollouts_pod_template_hash=\"{{args.canary-hash}}\"");
    assertThat(PodSecurityTest.texts(rendered.single("ServiceMonitor").path("spec").path("podTargetLabels")))
        .as("%s: the canary's series carry its hash", values).contains("rollouts-pod-template-hash");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void theNetworkPolicyAdmitsMonitoringAndOnlyTheProcessorsDestinations(final ChartUnderTest.Values values) {
    final Rendered rendered = ChartUnderTest.render(values);
    if (!rendered.has("NetworkPolicy")) {
      assertThat(values.file()).as("only a scenario may turn the NetworkPolicy off").isPresent();
      assertThat(values.file().orElseThrow().toString()).contains("scenarios");
      return;
    }
    final JsonNode spec = rendered.single("NetworkPolicy").path("spec");
    assertThat(PodSecurityTest.texts(spec.path("policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(spec.path("ingress")).as("%s ingress rules", values).hasSize(1);
    final JsonNode ingress = spec.path("ingress").get(0);
    assertThat(ingress.path("from")).hasSize(1);
    assertThat(ingress.path("from").get(0).path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText())
        .as("%s ingress only from the monitoring namespace", values).isEqualTo(mergedValues(values).path("networkPolicy").path("monitoringNamespace").asText());
    assertThat(ingress.path("ports")).hasSize(1);
    assertThat(ingress.path("ports").get(0).path("port").asInt()).isEqualTo(8081);

    boolean dns = false;
    for (final JsonNode rule : spec.path("egress")) {
      assertThat(rule.path("to").isEmpty()).as("%s: an egress rule without `to` admits every address", values).isFalse();
      assertThat(rule.path("ports").isEmpty()).as("%s: an egress rule without ports admits every port", values).isFalse();
      for (final JsonNode to : rule.path("to")) {
        assertThat(to.path("ipBlock").path("cidr").asText()).as("%s: egress to anywhere", values).isNotEqualTo("0.0.0.0/0");
      }
      for (final JsonNode port : rule.path("ports")) {
        assertThat(port.path("port").asInt()).as("%s egress port", values).isIn(EGRESS_PORTS);
        dns |= port.path("port").asInt() == 53;
      }
    }
    assertThat(dns).as("%s DNS egress", values).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void everySettingTheChartPassesIsOneTheProcessorKnows(final ChartUnderTest.Values values) {
    final Rendered rendered = ChartUnderTest.render(values);
    final Map<String, String> defaults = ChartUnderTest.processorDefaults();
    final Map<String, String> byVariable = new java.util.HashMap<>();
    // The processor's rule (ConfigSource.environmentVariable): RNG_ + the key in upper case, '.' and '-' as '_'.
    defaults.keySet().forEach(k -> byVariable.put("RNG_" + k.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'), k));
    final JsonNode container = rendered.workload().path("spec").path("template").path("spec").path("containers").get(0);
    for (final JsonNode env : container.path("env")) {
      final String name = env.path("name").asText();
      if (!name.startsWith("RNG_") || name.equals("RNG_CONFIG_FILE") || name.startsWith("RNG_KAFKA_") || name.startsWith("RNG_APICURIO_")) {
        continue;
      }
      assertThat(byVariable).as("%s: %s names a setting of defaults.properties", values, name).containsKey(name);
    }
    for (final String key : rendered.processorProperties().stringPropertyNames()) {
      assertThat(defaults.containsKey(key) || key.startsWith("kafka.") || key.startsWith("apicurio."))
          .as("%s: %s in the ConfigMap is a setting of the processor", values, key).isTrue();
    }
  }

  /** The values Helm renders with: values.yaml merged with the file. */
  static JsonNode mergedValues(final ChartUnderTest.Values values) {
    try {
      final JsonNode defaults = ChartUnderTest.YAML.readTree(ChartUnderTest.chart().resolve("values.yaml").toFile());
      return values.file().isEmpty() ? defaults
          : ChartUnderTest.merge(defaults, ChartUnderTest.YAML.readTree(values.file().orElseThrow().toFile()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
