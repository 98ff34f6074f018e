package io.rngstream.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.avro.RequestError;
import io.rngstream.client.testing.InMemoryTracing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DrawTracingTest {
  private static final String PROCESSING_TRACEPARENT = "00-%s-00f067aa0ba902b7-01";

  private final InMemoryTracing tracing = new InMemoryTracing();
  private final DrawTracing draws = DrawTracing.using(tracing.openTelemetry(), "rng.requests.v1", "tracing-test");

  @AfterEach
  void close() {
    tracing.close();
  }

  @Test
  void injectsTheContextOfAProducerSpanIntoTheRequestHeaders() {
    final RecordHeaders headers = new RecordHeaders();

    draws.start("r-1", headers).failed(new DrawTimeoutException("r-1", Duration.ofSeconds(1)));

    final SpanData span = tracing.onlySpanNamed("rng.requests.v1 publish");
    assertThat(span.getKind()).isEqualTo(SpanKind.PRODUCER);
    assertThat(text(headers.lastHeader("traceparent")))
        .startsWith("00-" + span.getTraceId() + "-" + span.getSpanId() + "-");
    assertThat(span.getAttributes().get(DrawTracing.REQUEST_ID)).isEqualTo("r-1");
  }

  @Test
  void endsWithTheOutcomeAndLinksTheProcessorsSpanFromTheReply() {
    final RecordHeaders headers = new RecordHeaders();
    final DrawTrace trace = draws.start("r-2", headers);
    final String traceId = text(headers.lastHeader("traceparent")).substring(3, 35);

    trace.replied(reply("r-2", ReplyStatus.OK),
        Map.of("traceparent", PROCESSING_TRACEPARENT.formatted(traceId))::get);

    final SpanData span = tracing.onlySpanNamed("rng.requests.v1 publish");
    assertThat(span.getAttributes().get(DrawTracing.OUTCOME)).isEqualTo("ok");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getLinks()).singleElement().satisfies(link -> {
      assertThat(link.getSpanContext().getTraceId()).isEqualTo(traceId);
      assertThat(link.getSpanContext().getSpanId()).isEqualTo("00f067aa0ba902b7");
    });
  }

  @Test
  void marksARejectedDrawAsAnErrorWithItsCode() {
    draws.start("r-3", new RecordHeaders()).replied(reply("r-3", ReplyStatus.REJECTED), key -> null);

    final SpanData span = tracing.onlySpanNamed("rng.requests.v1 publish");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(DrawTracing.ERROR_CODE)).isEqualTo("INVALID_BOUNDS");
    assertThat(span.getLinks()).isEmpty();
  }

  @Test
  void neitherTracesNorFixesTheGlobalWhileTheApplicationHasNotSetIt() {
    final RecordHeaders headers = new RecordHeaders();

    DrawTracing.global("rng.requests.v1", "tracing-test").start("r-4", headers);

    assertThat(headers.toArray()).isEmpty();
    assertThat(GlobalOpenTelemetry.isSet()).as("GlobalOpenTelemetry left for the application to set").isFalse();
  }

  private static RandomReply reply(final String requestId, final ReplyStatus status) {
    return RandomReply.newBuilder().setRequestId(requestId).setClientId("tracing-test").setStatus(status)
        .setError(status == ReplyStatus.OK ? null : new RequestError(ErrorCode.INVALID_BOUNDS, "min > max"))
        .setNumbers(status == ReplyStatus.OK ? List.of(4L) : List.of())
        .setMin(1).setMax(6).setCount(1).setUnique(false).setAlgorithm("a").setSerial("0:1")
        .setGeneratedAt(Instant.EPOCH).build();
  }

  private static String text(final Header header) {
    assertThat(header).as("header").isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
