package io.rngstream.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rngstream.avro.AuditKind;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.RandomRequest;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.StackEndpoints;
import io.rngstream.processor.config.ProcessorConfig;
import io.rngstream.processor.topology.ContractSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-client rate limits on the real broker: one greedy client is limited while another is served, and a client's
 * bucket is restored from its changelog when the processor restarts with an empty state directory.
 */
@ExtendWith(DevStackExtension.class)
class RateLimitIT {
  /**
   * One request per second, five at once; a numbers bucket of 100 that refills at one number per second, so an
   * emptied numbers bucket stays empty for longer than a restart takes.
   */
  private static final Map<String, String> LIMITS = Map.of(
      "limits.rate.requests-per-second", "1", "limits.rate.requests-burst", "5",
      "limits.max-count", "100", "limits.rate.numbers-per-second", "1", "limits.rate.numbers-burst", "100");

  private StackEndpoints stack;
  private ContractSerdes serdes;
  private KafkaProducer<String, Object> producer;
  private ProcessorApp processor;
  private IsolatedTopics topics;

  @BeforeEach
  void setUp(final StackEndpoints endpoints) {
    stack = endpoints;
    serdes = new ContractSerdes(stack.registryUrl(), Map.of());
    producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), serdes.valueSerializer());
  }

  @AfterEach
  void tearDown() {
    producer.close();
    if (processor != null) {
      processor.close();
    }
  }

  private ProcessorApp start(final String applicationId) {
    final ProcessorConfig config = topics.config(stack.bootstrapServers(), stack.registryUrl(), applicationId,
        TestKeys.freshStateDir(applicationId), LIMITS);
    final ProcessorApp started = ProcessorApp.start(config);
    await("processor running").atMost(Duration.ofSeconds(90)).until(() -> started.state() == KafkaStreams.State.RUNNING);
    return started;
  }

  private TopicReader<String, Object> reader(final String topic) {
    return new TopicReader<>(stack.bootstrapServers(), topic, Serdes.String().deserializer(), serdes.valueDeserializer());
  }

  private void send(final RandomRequest request) {
    producer.send(new ProducerRecord<>(topics.requests(), request.getClientId(), request));
  }

  private static List<RandomReply> replies(final TopicReader<String, Object> reader, final int expected,
      final Predicate<RandomReply> counted) {
    await().atMost(Duration.ofSeconds(90)).until(() -> repliesNow(reader, counted).size() >= expected);
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> repliesNow(reader, counted).size() == expected);
    return repliesNow(reader, counted);
  }

  private static List<RandomReply> repliesNow(final TopicReader<String, Object> reader, final Predicate<RandomReply> counted) {
    // Replies are keyed by requestId, so they spread over partitions: sorted by requestId for a stable order.
    return reader.poll().stream().map(ConsumerRecord::value).map(RandomReply.class::cast).filter(counted)
        .sorted(java.util.Comparator.comparing(RandomReply::getRequestId)).toList();
  }

  private static boolean from(final RandomReply reply, final String clientId) {
    return reply.getClientId().equals(clientId);
  }

  @Test
  void limitsAGreedyClientWithoutStarvingAnother() {
    topics = IsolatedTopics.named("ratelimit-burst");
    processor = start("rate-limit-it-burst");
    final ManagementClient management = new ManagementClient(processor.managementPort());
    final double limitedBefore = management.metric("rng_requests_total", "code=\"rate_limited\"");
    try (TopicReader<String, Object> replies = reader(topics.replies()); TopicReader<String, Object> audit = reader(topics.audit())) {
      for (int i = 0; i < 30; i++) {
        send(TestRequests.dice("greedy-" + i).setClientId("greedy").build());
      }
      for (int i = 0; i < 3; i++) {
        send(TestRequests.dice("polite-" + i).setClientId("polite").build());
      }
      producer.flush();

      final List<RandomReply> greedy = replies(replies, 30, reply -> from(reply, "greedy"));
      final List<RandomReply> polite = replies(replies, 3, reply -> from(reply, "polite"));
      assertThat(polite).as("the polite client is served in full").allSatisfy(reply ->
          assertThat(reply.getStatus()).isEqualTo(ReplyStatus.OK));
      final List<RandomReply> limited = greedy.stream().filter(reply -> reply.getStatus() == ReplyStatus.REJECTED).toList();
      assertThat(limited).as("most of a burst of 30 against a bucket of 5 refilling at 1/s").hasSizeGreaterThan(10)
          .allSatisfy(reply -> {
            assertThat(reply.getError().getCode()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(reply.getRetryAfterMs()).isBetween(1L, 1000L);
          });
      assertThat(greedy).as("the first five fit the burst").filteredOn(reply -> reply.getStatus() == ReplyStatus.OK)
          .hasSizeGreaterThanOrEqualTo(5);

      await().atMost(Duration.ofSeconds(60)).until(() -> audit.poll().stream()
          .filter(record -> ((AuditRecord) record.value()).getKind() != AuditKind.CHECKPOINT).count() >= 33);
      final List<AuditRecord> audited = audit.poll().stream().map(record -> (AuditRecord) record.value())
          .filter(record -> record.getKind() != AuditKind.CHECKPOINT).toList();
      assertThat(audited).as("one audit record per request, limited ones included").hasSize(33);
      assertThat(audited).filteredOn(record -> record.getError() != null
          && record.getError().getCode() == ErrorCode.RATE_LIMITED).hasSize(limited.size());
      assertThat(management.metric("rng_requests_total", "code=\"rate_limited\"") - limitedBefore)
          .as("rejections counted with code rate_limited").isEqualTo(limited.size());
    }
  }

  @Test
  void aClientsBucketSurvivesARestartWithAnEmptyStateDirectory() {
    topics = IsolatedTopics.named("ratelimit-restart");
    processor = start("rate-limit-it-restart");
    try (TopicReader<String, Object> replies = reader(topics.replies())) {
      send(TestRequests.dice("hoard-0").setClientId("hoarder").setMax(1000).setCount(50).build());
      send(TestRequests.dice("hoard-1").setClientId("hoarder").setMax(1000).setCount(50).build());
      send(TestRequests.dice("hoard-2").setClientId("hoarder").setMax(1000).setCount(50).build());
      producer.flush();
      final List<RandomReply> before = replies(replies, 3, reply -> from(reply, "hoarder"));
      assertThat(before).extracting(RandomReply::getStatus)
          .containsExactly(ReplyStatus.OK, ReplyStatus.OK, ReplyStatus.REJECTED);
      final long retryAfterBefore = before.get(2).getRetryAfterMs();
      assertThat(retryAfterBefore).as("50 numbers at 1 per second").isBetween(30_000L, 50_000L);

      processor.close();
      // A fresh state directory: the bucket can only come back from the changelog topic.
      processor = start("rate-limit-it-restart");
      send(TestRequests.dice("hoard-3").setClientId("hoarder").setMax(1000).setCount(50).build());
      producer.flush();
      final List<RandomReply> after = replies(replies, 4, reply -> from(reply, "hoarder"));
      final RandomReply restarted = after.get(3);
      assertThat(restarted.getStatus()).as("still limited after the restart").isEqualTo(ReplyStatus.REJECTED);
      assertThat(restarted.getError().getCode()).isEqualTo(ErrorCode.RATE_LIMITED);
      assertThat(restarted.getRetryAfterMs()).as("the wait went on counting down across the restart")
          .isLessThan(retryAfterBefore).isPositive();
    }
  }
}
