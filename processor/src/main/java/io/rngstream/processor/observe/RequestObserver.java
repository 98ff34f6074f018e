package io.rngstream.processor.observe;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything an operator sees of one request: its span, its metrics and its log line. */
public final class RequestObserver {
  private static final Logger LOG = LoggerFactory.getLogger("io.rngstream.processor.requests");
  private static final TextMapGetter<Headers> FROM_HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(final Headers headers) {
      return StreamSupport.stream(headers.spliterator(), false).map(Header::key).toList();
    }

    @Override
    public String get(final Headers headers, final String key) {
      final Header header = headers == null ? null : headers.lastHeader(key);
      // A header may be present with a null value (found by HostileInputPropertiesIT): no context, not a crash.
      return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
  };
  private static final TextMapSetter<Headers> INTO_HEADERS = (headers, key, value) -> {
    headers.remove(key);
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  };

  private final ProcessorMetrics metrics;
  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final String consumerGroup;
  private final Clock clock;

  public RequestObserver(final ProcessorMetrics metrics, final Telemetry telemetry, final String consumerGroup, final Clock clock) {
    this.metrics = metrics;
    this.tracer = telemetry.openTelemetry().getTracer("io.rngstream.processor");
    this.propagator = telemetry.openTelemetry().getPropagators().getTextMapPropagator();
    this.consumerGroup = consumerGroup;
    this.clock = clock;
  }

  /** Starts the processing span of a request, as a child of the caller's span when its headers carry one. */
  public InFlight begin(final Headers headers, final String topic, final int partition, final long offset) {
    final Span span = tracer.spanBuilder("process " + topic)
        .setSpanKind(SpanKind.CONSUMER)
        .setParent(propagator.extract(Context.root(), headers, FROM_HEADERS))
        .setAttribute("messaging.system", "kafka")
        .setAttribute("messaging.operation.type", "process")
        .setAttribute("messaging.operation.name", "process")
        .setAttribute("messaging.destination.name", topic)
        .setAttribute("messaging.destination.partition.id", Integer.toString(partition))
        .setAttribute("messaging.kafka.offset", offset)
        .setAttribute("messaging.consumer.group.name", consumerGroup)
        .startSpan();
    return new InFlight(span, span.makeCurrent());
  }

  /** Counts a signed checkpoint. */
  public void checkpointed() {
    metrics.checkpointed();
  }

  /** Counts a failed signature. */
  public void signingFailed() {
    metrics.signingFailed();
  }

  /** Counts a failed chain link. */
  public void chainFailed() {
    metrics.chainFailed();
  }

  /** Counts a dead letter. */
  public void deadLettered(final String reason) {
    metrics.deadLettered(reason);
  }

  /** One request being answered; closing it ends the span. */
  public final class InFlight implements AutoCloseable {
    private final Span span;
    private final Scope scope;

    private InFlight(final Span span, final Scope scope) {
      this.span = span;
      this.scope = scope;
    }

    /** The trace id of this request's trace, or null when tracing is off (a no-op SDK). */
    public String traceId() {
      return span.getSpanContext().isValid() ? span.getSpanContext().getTraceId() : null;
    }

    /** Runs the draw and records its duration and shape. */
    public <T> T draw(final Supplier<T> drawing, final int count, final double rangeBits) {
      final long start = System.nanoTime();
      final T result = drawing.get();
      metrics.drew(Duration.ofNanos(System.nanoTime() - start), count, rangeBits);
      return result;
    }

    /** Adds this span's trace context to outgoing headers, so reply and audit record continue the trace. */
    public void injectInto(final Headers headers) {
      propagator.inject(Context.current().with(span), headers, INTO_HEADERS);
    }

    /** Records the outcome once the reply was handed to the producer. */
    public void answered(final Answered request) {
      final Duration latency = Duration.between(request.recordTimestamp(), clock.instant());
      metrics.answered(request.outcome(), request.code(), latency);
      span.setAttribute("rng.outcome", request.outcome());
      span.setAttribute("rng.error.code", request.code());
      span.setAttribute("rng.request.id", request.requestId());
      LOG.atInfo()
          .addKeyValue("requestId", request.requestId())
          .addKeyValue("clientId", request.clientId())
          .addKeyValue("correlationId", request.correlationId() == null ? null : HexFormat.of().formatHex(request.correlationId()))
          .addKeyValue("traceId", traceId())
          .addKeyValue("spanId", span.getSpanContext().getSpanId())
          .addKeyValue("outcome", request.outcome())
          .addKeyValue("code", request.code())
          .addKeyValue("min", request.min())
          .addKeyValue("max", request.max())
          .addKeyValue("count", request.count())
          .addKeyValue("latencyMs", latency.toMillis())
          .log("Answered request {} of client {}: {}", request.requestId(), request.clientId(), request.outcome());
    }

    @Override
    public void close() {
      scope.close();
      span.end();
    }
  }

  /** What the log line and the metrics say about one answered request; no seed, key or credential. */
  public record Answered(String requestId, String clientId, byte[] correlationId, String outcome, String code,
      long min, long max, int count, Instant recordTimestamp) {
  }
}
