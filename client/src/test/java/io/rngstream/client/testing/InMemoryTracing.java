package io.rngstream.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;

/** An OpenTelemetry SDK with W3C propagation whose finished spans stay in memory for assertions. */
public final class InMemoryTracing implements AutoCloseable {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
      .build();

  public OpenTelemetry openTelemetry() {
    return sdk;
  }

  /** The finished spans with this name. */
  public List<SpanData> spansNamed(final String name) {
    return exporter.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).toList();
  }

  /** The one finished span with this name. */
  public SpanData onlySpanNamed(final String name) {
    final List<SpanData> spans = spansNamed(name);
    assertThat(spans).as("finished spans named %s", name).hasSize(1);
    return spans.get(0);
  }

  @Override
  public void close() {
    sdk.close();
  }
}
