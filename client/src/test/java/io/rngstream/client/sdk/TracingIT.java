package io.rngstream.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.rngstream.client.testing.InMemoryTracing;
import io.rngstream.client.testing.ProcessorExtension;
import io.rngstream.core.protocol.Headers;
import io.rngstream.core.protocol.Topics;
import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.StackEndpoints;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A trace runs from the caller through the processor and back: the request and the reply carry it. */
@ExtendWith(DevStackExtension.class)
@ExtendWith(ProcessorExtension.class)
class TracingIT {
  private static final String SPAN_NAME = Topics.REQUESTS + " publish";

  @Test
  @SuppressWarnings("try") // the scope is used for its effect: the caller's span is current during the draw
  void carriesTheCallersTraceThroughTheProcessorAndBack(final StackEndpoints stack) {
    final String clientId = "tracing-it-" + UUID.randomUUID().toString().substring(0, 8);
    try (InMemoryTracing tracing = new InMemoryTracing();
        KafkaConsumer<String, byte[]> requests = requestReader(stack);
        RngClient client = RngClient.builder().bootstrapServers(stack.bootstrapServers())
            .registryUrl(stack.registryUrl()).clientId(clientId).timeout(Duration.ofSeconds(30))
            .openTelemetry(tracing.openTelemetry()).build()) {
      final Span caller = tracing.openTelemetry().getTracer("test").spanBuilder("caller").startSpan();
      try (Scope ignored = caller.makeCurrent()) {
        client.drawNow(DrawRequest.between(1, 6));
      } finally {
        caller.end();
      }

      final SpanData draw = tracing.onlySpanNamed(SPAN_NAME);
      assertThat(draw.getKind()).isEqualTo(SpanKind.PRODUCER);
      assertThat(draw.getParentSpanId()).as("the draw's span is a child of the caller's")
          .isEqualTo(caller.getSpanContext().getSpanId());
      assertThat(draw.getTraceId()).isEqualTo(caller.getSpanContext().getTraceId());

      final ConsumerRecord<String, byte[]> request = await("the request record").atMost(Duration.ofSeconds(20))
          .until(() -> find(requests, clientId), found -> !found.isEmpty()).get(0);
      assertThat(text(request.headers().lastHeader(Headers.TRACEPARENT)))
          .as("the request carries the draw span's context")
          .startsWith("00-" + draw.getTraceId() + "-" + draw.getSpanId() + "-");

      assertThat(draw.getLinks()).as("the reply brought the processor's span context back").singleElement()
          .satisfies(link -> {
            assertThat(link.getSpanContext().getTraceId()).isEqualTo(draw.getTraceId());
            assertThat(link.getSpanContext().getSpanId()).isNotEqualTo(draw.getSpanId());
          });
      assertThat(draw.getAttributes().get(DrawTracing.OUTCOME)).isEqualTo("ok");
    }
  }

  private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

  private List<ConsumerRecord<String, byte[]>> find(final KafkaConsumer<String, byte[]> requests,
      final String clientId) {
    requests.poll(Duration.ofMillis(200)).forEach(seen::add);
    return seen.stream().filter(record -> clientId.equals(record.key())).toList();
  }

  private static KafkaConsumer<String, byte[]> requestReader(final StackEndpoints stack) {
    final KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
    final List<TopicPartition> partitions = consumer.partitionsFor(Topics.REQUESTS).stream()
        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    return consumer;
  }

  private static String text(final Header header) {
    assertThat(header).as("traceparent header").isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
