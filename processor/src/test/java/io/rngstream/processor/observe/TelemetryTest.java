package io.rngstream.processor.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryTest {
  @Test
  void makesRealSpansEvenWithoutAnExporter() throws Exception {
    try (Telemetry telemetry = Telemetry.fromEnvironment(Map.of())) {
      final Span span = telemetry.openTelemetry().getTracer("test").spanBuilder("x").startSpan();
      assertThat(span.getSpanContext().isValid()).as("span context %s", span.getSpanContext()).isTrue();
      span.end();
    }
  }
}
