package io.rngstream.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/** The objects of one {@code helm template} run, parsed. */
record Rendered(String values, String text, List<JsonNode> objects) {
  /** Kinds whose spec.template is a pod template. */
  static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "Rollout", "DaemonSet", "Job", "ReplicaSet");

  static Rendered parse(final String values, final String text) {
    final List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = ChartUnderTest.YAML.readerFor(JsonNode.class).readValues(text)) {
      while (documents.hasNext()) {
        final JsonNode document = documents.next();
        if (document != null && !document.isNull() && !document.isMissingNode() && !document.isEmpty()) {
          objects.add(document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("helm template output for " + values + " is not YAML", e);
    }
    return new Rendered(values, text, List.copyOf(objects));
  }

  List<JsonNode> ofKind(final String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  JsonNode single(final String kind) {
    final List<JsonNode> found = ofKind(kind);
    if (found.size() != 1) {
      throw new AssertionError(values + ": expected exactly one " + kind + ", found " + found.size());
    }
    return found.getFirst();
  }

  boolean has(final String kind) {
    return !ofKind(kind).isEmpty();
  }

  /** The objects that run pods. */
  List<JsonNode> workloads() {
    return objects.stream().filter(o -> WORKLOAD_KINDS.contains(o.path("kind").asText())).toList();
  }

  /** The one workload the chart renders (Deployment, StatefulSet or Rollout). */
  JsonNode workload() {
    final List<JsonNode> found = workloads();
    if (found.size() != 1) {
      throw new AssertionError(values + ": expected exactly one workload, found " + found.size());
    }
    return found.getFirst();
  }

  /** The processor's settings file from the ConfigMap, as the processor reads it (java.util.Properties). */
  Properties processorProperties() {
    final JsonNode configMap = ofKind("ConfigMap").stream()
        .filter(c -> c.path("data").has("processor.properties"))
        .findFirst()
        .orElseThrow(() -> new AssertionError(values + ": no ConfigMap with processor.properties"));
    final Properties properties = new Properties();
    try {
      properties.load(new StringReader(configMap.path("data").path("processor.properties").asText()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
