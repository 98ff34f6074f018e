package io.rngstream.client.sdk;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.ReplyStatus;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Headers;

/**
 * Makes the span of each draw and puts its context into the request's headers ({@code traceparent},
 * {@code tracestate}, with whatever propagators the application configured), so that the processor's span becomes
 * its child. The span is a PRODUCER span named {@code <request topic> publish}, like the Kafka client
 * instrumentation's; it starts when the draw is sent and ends when the draw ends, so its length is what the caller
 * waited. The reply carries the processor's span context back; the span links to it.
 */
final class DrawTracing {
  static final String INSTRUMENTATION_NAME = "io.rngstream.client";
  static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("rng.request.id");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("rng.outcome");
  static final AttributeKey<String> ERROR_CODE = AttributeKey.stringKey("rng.error.code");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final AttributeKey<String> LINK_KIND = AttributeKey.stringKey("rng.link");

  private static final TextMapSetter<Headers> INTO_HEADERS = (headers, key, value) -> {
    headers.remove(key);
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  };
  private static final TextMapGetter<Function<String, String>> FROM_REPLY =
      (headers, key) -> headers == null ? null : headers.apply(key);

  private final Supplier<OpenTelemetry> openTelemetry;
  private final String requestTopic;
  private final String clientId;
  private volatile Instruments instruments;

  private record Instruments(OpenTelemetry openTelemetry, Tracer tracer, TextMapPropagator propagator) {
  }

  private DrawTracing(final Supplier<OpenTelemetry> openTelemetry, final String requestTopic, final String clientId) {
    this.openTelemetry = openTelemetry;
    this.requestTopic = requestTopic;
    this.clientId = clientId;
  }

  /** Traces with the given OpenTelemetry. */
  static DrawTracing using(final OpenTelemetry openTelemetry, final String requestTopic, final String clientId) {
    return new DrawTracing(() -> openTelemetry, requestTopic, clientId);
  }

  /**
   * Traces with {@link GlobalOpenTelemetry} once the application (or the Java agent) has set it, and not at all
   * before. It never calls {@code GlobalOpenTelemetry.get()} while nothing is set: that would fix the global to a
   * no-op and make the application's own later {@code set} fail.
   */
  static DrawTracing global(final String requestTopic, final String clientId) {
    return new DrawTracing(() -> GlobalOpenTelemetry.isSet() ? GlobalOpenTelemetry.get() : OpenTelemetry.noop(),
        requestTopic, clientId);
  }

  /** Starts the span of a draw, as a child of the caller's current span, and injects its context into headers. */
  DrawTrace start(final String requestId, final Headers headers) {
    final Instruments current = instruments();
    final Span span = current.tracer().spanBuilder(requestTopic + " publish")
        .setSpanKind(SpanKind.PRODUCER)
        .setParent(Context.current())
        .setAttribute("messaging.system", "kafka")
        .setAttribute("messaging.operation.type", "send")
        .setAttribute("messaging.operation.name", "publish")
        .setAttribute("messaging.destination.name", requestTopic)
        .setAttribute("messaging.kafka.message.key", clientId)
        .setAttribute(REQUEST_ID, requestId)
        .startSpan();
    current.propagator().inject(Context.current().with(span), headers, INTO_HEADERS);
    return span.getSpanContext().isValid() ? new SpanTrace(span, current.propagator()) : DrawTrace.NONE;
  }

  private Instruments instruments() {
    final OpenTelemetry now = openTelemetry.get();
    final Instruments cached = instruments;
    if (cached != null && cached.openTelemetry() == now) {
      return cached;
    }
    final Instruments fresh = new Instruments(now, now.getTracer(INSTRUMENTATION_NAME),
        now.getPropagators().getTextMapPropagator());
    instruments = fresh;
    return fresh;
  }

  /** The span of one draw. */
  private static final class SpanTrace implements DrawTrace {
    private final Span span;
    private final TextMapPropagator propagator;

    SpanTrace(final Span span, final TextMapPropagator propagator) {
      this.span = span;
      this.propagator = propagator;
    }

    @Override
    public void sent(final int partition, final long offset) {
      span.setAttribute("messaging.destination.partition.id", Integer.toString(partition));
      span.setAttribute("messaging.kafka.offset", offset);
    }

    @Override
    public void replied(final RandomReply reply, final Function<String, String> replyHeaders) {
      final SpanContext processing = Span.fromContext(propagator.extract(Context.root(), replyHeaders, FROM_REPLY))
          .getSpanContext();
      if (processing.isValid()) {
        span.addLink(processing, Attributes.of(LINK_KIND, "reply"));
      }
      final boolean ok = reply.getStatus() == ReplyStatus.OK;
      span.setAttribute(OUTCOME, ok ? "ok" : "rejected");
      span.setAttribute("rng.serial", reply.getSerial());
      if (!ok) {
        final String code = reply.getError() == null ? "UNKNOWN" : reply.getError().getCode().name();
        span.setAttribute(ERROR_CODE, code);
        span.setAttribute(ERROR_TYPE, code);
        span.setStatus(StatusCode.ERROR, "rejected: " + code);
      }
      span.end();
    }

    @Override
    public void failed(final Throwable cause) {
      span.setAttribute(OUTCOME, "failed");
      span.setAttribute(ERROR_TYPE, cause.getClass().getName());
      span.recordException(cause);
      span.setStatus(StatusCode.ERROR, cause.getMessage());
      span.end();
    }
  }
}
