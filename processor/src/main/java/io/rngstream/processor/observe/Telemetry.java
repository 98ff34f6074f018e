package io.rngstream.processor.observe;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.kafkaclients.v2_6.KafkaTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.processor.internals.DefaultKafkaClientSupplier;

/**
 * OpenTelemetry for the processor, configured by the standard {@code OTEL_*} variables. Nothing is exported
 * unless an OTLP endpoint is set; spans are still made, so trace ids reach replies and audit records.
 */
public final class Telemetry implements AutoCloseable {
  private final OpenTelemetry openTelemetry;
  private final AutoCloseable owned;

  private Telemetry(final OpenTelemetry openTelemetry, final AutoCloseable owned) {
    this.openTelemetry = openTelemetry;
    this.owned = owned;
  }

  /** The SDK as the {@code OTEL_*} environment asks for it. */
  public static Telemetry fromEnvironment(final Map<String, String> environment) {
    final boolean exporting = environment.containsKey("OTEL_EXPORTER_OTLP_ENDPOINT")
        || environment.containsKey("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
        || environment.containsKey("OTEL_TRACES_EXPORTER");
    if (!exporting) {
      // Without a span processor the SDK hands out no-op spans without ids; one that exports nowhere keeps
      // real spans, so trace ids still reach replies, audit records and logs.
      final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
          .setTracerProvider(SdkTracerProvider.builder()
              .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite()))
              .build())
          .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
              W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
          .build();
      return new Telemetry(sdk, sdk);
    }
    final Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.service.name", "rng-processor");
    defaults.put("otel.traces.exporter", "otlp");
    // Metrics go to Prometheus through /metrics; logs go to stdout.
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
    final OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> defaults)
        .build()
        .getOpenTelemetrySdk();
    return new Telemetry(sdk, sdk);
  }

  /** A given OpenTelemetry (tests use an in-memory exporter); not closed by {@link #close()}. */
  public static Telemetry using(final OpenTelemetry openTelemetry) {
    return new Telemetry(openTelemetry, () -> { });
  }

  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /**
   * Kafka clients for Streams whose producer makes publish spans. The consumer is deliberately not wrapped:
   * the instrumentation rebuilds ConsumerRecords without their next offsets (KIP-1094), and Kafka Streams 4
   * commits those offsets, so a wrapped consumer made a restarted processor read requests again.
   */
  public KafkaClientSupplier kafkaClients() {
    final KafkaTelemetry kafka = KafkaTelemetry.create(openTelemetry);
    return new DefaultKafkaClientSupplier() {
      @Override
      public Producer<byte[], byte[]> getProducer(final Map<String, Object> config) {
        return kafka.wrap(super.getProducer(config));
      }
    };
  }

  @Override
  public void close() throws Exception {
    owned.close();
  }
}
