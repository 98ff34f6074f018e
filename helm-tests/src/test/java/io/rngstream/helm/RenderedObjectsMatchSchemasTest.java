package io.rngstream.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rngstream.helm.KubernetesSchemas.Input;
import io.rngstream.helm.KubernetesSchemas.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every object rendered for the defaults, each environment and each scenario is valid against its Kubernetes schema
 * (npm kubernetes-models) or, for custom resources, against the CRD's own schema (the @kubernetes-models packages of
 * Prometheus Operator, KEDA, Argo Rollouts and External Secrets). One node run checks them all.
 */
class RenderedObjectsMatchSchemasTest {
  private static List<Verdict> verdicts;

  @BeforeAll
  static void validateEverythingRendered() {
    final List<Input> inputs = new ArrayList<>();
    for (final ChartUnderTest.Values values : ChartUnderTest.environmentsAndScenarios()) {
      for (final JsonNode object : ChartUnderTest.render(values).objects()) {
        inputs.add(new Input(values.name(), object));
      }
    }
    verdicts = KubernetesSchemas.validate(inputs);
    assertThat(verdicts).as("one verdict per rendered object").hasSize(inputs.size());
  }

  @Test
  void everyRenderedObjectIsValidAgainstItsSchema() {
    assertThat(verdicts).as("objects with schema errors or without a known schema")
        .filteredOn(v -> v.schema() == null || !v.errors().isEmpty())
        .isEmpty();
  }

  @Test
  void customResourcesAreCheckedAgainstTheirCrdSchemas() {
    final Map<String, String> schemaByKind = verdicts.stream()
        .collect(Collectors.toMap(Verdict::kind, Verdict::schema, (a, b) -> a));
    final Set<String> crdKinds = Set.of("ServiceMonitor", "ScaledObject", "TriggerAuthentication", "Rollout",
        "AnalysisTemplate", "ExternalSecret");

    assertThat(schemaByKind.keySet()).as("custom resources the environments and scenarios render").containsAll(crdKinds);
    crdKinds.forEach(kind -> assertThat(schemaByKind.get(kind)).as("schema of %s", kind).startsWith("@kubernetes-models/"));
  }

  @Test
  void everyEnvironmentRendersItsWorkloadAndItsGuards() {
    for (final ChartUnderTest.Values values : ChartUnderTest.environments()) {
      final Set<String> kinds = verdicts.stream().filter(v -> v.source().equals(values.name()))
          .map(Verdict::kind).collect(Collectors.toSet());
      assertThat(kinds).as("kinds rendered for %s", values)
          .containsAll(List.of("ConfigMap", "Service", "ServiceAccount", "PodDisruptionBudget", "NetworkPolicy"))
          .containsAnyOf("Deployment", "StatefulSet", "Rollout");
    }
  }

  @Test
  void theValidatorRejectsAWrongTypeAnUnknownFieldAndAnUnknownKind() throws Exception {
    final JsonNode brokenDeployment = ChartUnderTest.YAML.readTree("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: broken}
        spec:
          selector: {matchLabels: {app: x}}
          template:
            metadata: {labels: {app: x}}
            spec:
              containers:
                - name: c
                  image: i
                  ports: [{containerPort: eighty}]
        """);
    final JsonNode misspeltField = ChartUnderTest.YAML.readTree("""
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata: {name: typo}
        spec:
          selector: {matchLabels: {app: x}}
          endpoints:
            - port: management
              pathh: /metrics
        """);
    final JsonNode unknownKind = ChartUnderTest.YAML.readTree("""
        apiVersion: example.com/v1
        kind: Gadget
        metadata: {name: g}
        """);

    final List<Verdict> result = KubernetesSchemas.validate(
        List.of(new Input("self-test", brokenDeployment), new Input("self-test", misspeltField),
            new Input("self-test", unknownKind)));

    assertThat(result.get(0).errors()).as("a port that is not a number").anyMatch(e -> e.contains("containerPort"));
    assertThat(result.get(1).errors()).as("a field the CRD schema does not have").anyMatch(e -> e.contains("pathh"));
    assertThat(result.get(2).schema()).as("an unknown kind has no schema").isNull();
    assertThat(result.get(2).errors()).isNotEmpty();
  }
}
