package io.rngstream.processor.observe;

import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;

/**
 * Kafka client and Streams metrics as gauges and counters in Helidon's registry, named {@code kafka_<group>_<name>}:
 * they appear and disappear with threads, tasks and partitions. Kafka creates reporters by class name
 * ({@code metric.reporters}), hence the static registry and topic filter.
 *
 * <p>Prometheus wants one set of label names per metric name, but Kafka reports some metrics at several
 * levels (client, topic, partition); every gauge of a name therefore carries the union of the label names
 * seen, empty where it has none. Metrics of topics outside the service's own (a caller's reply topic)
 * are not bridged, so a name chosen by a caller never becomes a label value.
 */
public final class KafkaMetricsBridge implements MetricsReporter {
  private static final Object LOCK = new Object();
  private static final String SCOPE = "vendor";
  private static final Map<String, Set<String>> LABELS_BY_NAME = new HashMap<>();
  private static final Map<MetricName, Bridged> BRIDGED = new ConcurrentHashMap<>();
  private static volatile Set<String> ownTopics = Set.of();
  private static volatile String internalTopicPrefix = "";

  /** Which topics may appear as label values: the service's four, and its internal ones. */
  public static void allowTopics(final Set<String> topics, final String applicationId) {
    ownTopics = Set.copyOf(topics);
    internalTopicPrefix = applicationId + "-";
  }

  @Override
  public void configure(final Map<String, ?> configs) {
    // Nothing per client: all reporters share the registry.
  }

  @Override
  public void init(final List<KafkaMetric> metrics) {
    metrics.forEach(this::metricChange);
  }

  @Override
  public void metricChange(final KafkaMetric metric) {
    if (!(metric.metricValue() instanceof Number)) {
      return; // version strings, states and the like are no gauges; rng_streams_state covers the state
    }
    final String topic = metric.metricName().tags().get("topic");
    if (topic != null && !ownTopics.contains(topic) && !topic.startsWith(internalTopicPrefix)) {
      return;
    }
    synchronized (LOCK) {
      final String name = name(metric.metricName());
      final Set<String> labels = LABELS_BY_NAME.computeIfAbsent(name, key -> new TreeSet<>());
      if (labels.addAll(labelsOf(metric.metricName()).keySet())) {
        // A wider label set: re-register the gauges already there with the new labels.
        for (final Bridged bridged : List.copyOf(BRIDGED.values())) {
          if (bridged.name().equals(name)) {
            registry().remove(bridged.meter());
            BRIDGED.put(bridged.metric().metricName(), register(name, bridged.metric(), labels));
          }
        }
      }
      final Bridged previous = BRIDGED.get(metric.metricName());
      if (previous != null) {
        registry().remove(previous.meter());
      }
      BRIDGED.put(metric.metricName(), register(name, metric, labels));
    }
  }

  @Override
  public void metricRemoval(final KafkaMetric metric) {
    synchronized (LOCK) {
      final Bridged bridged = BRIDGED.remove(metric.metricName());
      if (bridged != null) {
        registry().remove(bridged.meter());
      }
    }
  }

  @Override
  public void close() {
    // Gauges go with metricRemoval as Kafka closes each client.
  }

  private static Bridged register(final String name, final KafkaMetric metric, final Set<String> labelNames) {
    final Map<String, String> labels = labelsOf(metric.metricName());
    final List<Tag> tags = new ArrayList<>();
    for (final String label : labelNames) {
      tags.add(Tag.create(label, labels.getOrDefault(label, "")));
    }
    final String description = metric.metricName().description().isBlank()
        ? "Kafka metric " + metric.metricName().group() + " " + metric.metricName().name()
        : metric.metricName().description();
    final double scale = scaleToSeconds(metric.metricName());
    // Only Helidon's API, never Micrometer's directly: registering through both from different threads
    // takes their two locks in opposite orders and deadlocked the processor at start.
    final Meter meter;
    if (name.endsWith("_total") && scale == 1) {
      // Kafka's *-total counts are cumulative: counters to Prometheus, so that rate() works on them.
      meter = registry().getOrCreate(FunctionalCounter.builder(name, metric, KafkaMetricsBridge::countOf)
          .description(description).tags(tags).scope(SCOPE));
    } else {
      meter = registry().getOrCreate(Gauge.builder(name, () -> valueOf(metric) * scale)
          .description(description).tags(tags).scope(SCOPE));
    }
    return new Bridged(name, meter, metric);
  }

  private static long countOf(final KafkaMetric metric) {
    final double value = valueOf(metric);
    return Double.isNaN(value) ? 0 : (long) value;
  }

  private static double valueOf(final KafkaMetric metric) {
    final Object value = metric.metricValue();
    return value instanceof Number number ? number.doubleValue() : Double.NaN;
  }

  private static double scaleToSeconds(final MetricName metricName) {
    final String name = metricName.name();
    if (name.matches(".*-ns(-.*)?")) {
      return 1e-9;
    }
    return name.matches(".*-ms(-.*)?") ? 1e-3 : 1;
  }

  private static Map<String, String> labelsOf(final MetricName metricName) {
    final Map<String, String> labels = new HashMap<>();
    metricName.tags().forEach((key, value) -> labels.put(sanitize(key), value));
    return labels;
  }

  /**
   * {@code kafka_<group>_<name>}, in Prometheus' base units (values in ns or ms are scaled to {@code _seconds})
   * and with a gauge's {@code _count} suffix, which Prometheus reserves for histograms, turned into {@code _current}.
   */
  static String name(final MetricName metricName) {
    final String name = ("kafka_" + sanitize(metricName.group()) + "_" + sanitize(metricName.name()))
        .replaceAll("_(ns|ms)(?=_|$)", "_seconds")
        // A cumulative time is a float of seconds, which Helidon's counters (whole numbers) cannot carry: a gauge.
        .replaceAll("_seconds_total$", "_seconds_cumulative");
    return name.endsWith("_count") ? name.substring(0, name.length() - "_count".length()) + "_current" : name;
  }

  private static String sanitize(final String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }

  private static MeterRegistry registry() {
    return Metrics.globalRegistry();
  }

  // Removed by the meter itself: a removal by name and tags misses the scope, and the narrower series it
  // leaves behind made Prometheus drop every wider one of the same name.
  private record Bridged(String name, Meter meter, KafkaMetric metric) {
  }
}
