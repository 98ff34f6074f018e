package io.rngstream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.avro.ErrorCode;
import io.rngstream.core.protocol.Headers;
import io.rngstream.core.protocol.ReplyPartitions;
import io.rngstream.processor.validation.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ReplyRouterTest {
  private static final Map<String, Integer> TOPICS = Map.of(
      "rng.replies.v1", 3, "rng.replies.team-a", 2, "rng.audit.v1", 3, "rng.requests.v1", 3);
  private static final Set<String> OWN_TOPICS = Set.of("rng.requests.v1", "rng.audit.v1", "rng.requests.dlq.v1");
  private final ReplyRouter router = router("rng\\.replies\\..*");

  private static ReplyRouter router(final String allowList) {
    return new ReplyRouter("rng.replies.v1", Pattern.compile(allowList),
        topic -> TOPICS.containsKey(topic) ? OptionalInt.of(TOPICS.get(topic)) : OptionalInt.empty(), OWN_TOPICS, "rng-processor");
  }

  private static RecordHeaders headers(final String replyTopic, final byte[] partition) {
    final RecordHeaders headers = new RecordHeaders();
    headers.add(Headers.CORRELATION_ID, new byte[] {1, 2, 3});
    if (replyTopic != null) {
      headers.add(Headers.REPLY_TOPIC, replyTopic.getBytes(StandardCharsets.UTF_8));
    }
    if (partition != null) {
      headers.add(Headers.REPLY_PARTITION, partition);
    }
    return headers;
  }

  private ErrorCode rejectionCode(final ReplyRoute route) {
    assertThat(route.topic()).as("a rejected route answers on the default topic").isEqualTo("rng.replies.v1");
    return route.rejection().map(Rejection::code).orElseThrow(() -> new AssertionError("expected a rejection"));
  }

  @Test
  void answersOnTheDefaultTopicWithoutHeaders() {
    final ReplyRoute route = router.route(headers(null, null));
    assertThat(route.topic()).isEqualTo("rng.replies.v1");
    assertThat(route.partition()).isNull();
    assertThat(route.correlationId()).containsExactly(1, 2, 3);
    assertThat(route.rejection()).isEmpty();
  }

  @Test
  void honoursAnAllowedReplyTopicAndPartition() {
    final ReplyRoute route = router.route(headers("rng.replies.team-a", ReplyPartitions.encode(1)));
    assertThat(route.topic()).isEqualTo("rng.replies.team-a");
    assertThat(route.partition()).isEqualTo(1);
    assertThat(route.rejection()).isEmpty();
  }

  @Test
  void rejectsReplyTopicsOutsideTheAllowList() {
    for (final String hostile : new String[] {"rng.audit.v1", "rng.requests.v1", "__consumer_offsets",
        "rng-processor-KSTREAM-changelog", "rng.replies", "xrng.replies.v1"}) {
      assertThat(rejectionCode(router.route(headers(hostile, null)))).as(hostile).isEqualTo(ErrorCode.REPLY_TOPIC_NOT_ALLOWED);
    }
  }

  @Test
  void rejectsReplyTopicsWithIllegalCharacters() {
    for (final String odd : new String[] {"rng.replies.v1\n", "rng.replies.a b", "rng.replies.ü", ""}) {
      assertThat(rejectionCode(router.route(headers(odd, null)))).as(odd).isEqualTo(ErrorCode.REPLY_TOPIC_NOT_ALLOWED);
    }
    final RecordHeaders notUtf8 = new RecordHeaders();
    notUtf8.add(Headers.REPLY_TOPIC, new byte[] {(byte) 0xff, (byte) 0xfe});
    assertThat(rejectionCode(router.route(notUtf8))).isEqualTo(ErrorCode.REPLY_TOPIC_NOT_ALLOWED);
  }

  /** Names a hostile caller might try; every one is refused even by an allow-list that allows everything. */
  private static final List<String> HOSTILE = List.of(
      "rng.requests.v1", "rng.audit.v1", "rng.requests.dlq.v1",
      "__consumer_offsets", "__transaction_state", "__share_group_state", "_schemas",
      "rng-processor-rate-limits-changelog", "rng-processor-request-ids-changelog",
      "rng-processor-KSTREAM-REPARTITION-0000000001-repartition",
      "..", ".", "rng.replies..x", "rng.replies.a b", " rng.replies.v1", "rng.replies.ünïcode", "rng.replies.\u0000",
      "rng.replies.v1\n", "", "rng.replies." + "x".repeat(238));

  @Test
  void refusesHostileReplyTopicsUnderTheDefaultAllowList() {
    for (final String hostile : HOSTILE) {
      assertThat(rejectionCode(router.route(headers(hostile, null)))).as(hostile).isEqualTo(ErrorCode.REPLY_TOPIC_NOT_ALLOWED);
    }
  }

  @Test
  void refusesTheServicesOwnAndInternalTopicsEvenWhenTheAllowListAllowsEverything() {
    final ReplyRouter careless = router(".*");
    for (final String hostile : HOSTILE) {
      final ReplyRoute route = careless.route(headers(hostile, null));
      assertThat(rejectionCode(route)).as(hostile).isEqualTo(ErrorCode.REPLY_TOPIC_NOT_ALLOWED);
      assertThat(route.rejection().orElseThrow().message()).as(hostile).doesNotContain("\n");
    }
    assertThat(careless.route(headers("rng.replies.team-a", null)).rejection()).as("a legitimate topic").isEmpty();
    assertThat(careless.route(headers("rng.replies.v1", null)).rejection()).as("the default topic").isEmpty();
  }

  @Test
  void acceptsTheLongestLegalNameAsFarAsTheAllowListGoes() {
    final String longest = "rng.replies." + "x".repeat(237);
    assertThat(longest).hasSize(249);
    assertThat(rejectionCode(router.route(headers(longest, null)))).isEqualTo(ErrorCode.REPLY_TOPIC_NOT_FOUND);
  }

  @Test
  void rejectsDuplicateRoutingHeaders() {
    for (final String key : List.of(Headers.CORRELATION_ID, Headers.REPLY_TOPIC, Headers.REPLY_PARTITION)) {
      final RecordHeaders headers = new RecordHeaders();
      headers.add(key, "rng.replies.team-a".getBytes(StandardCharsets.UTF_8));
      headers.add(key, ReplyPartitions.encode(0));
      final ReplyRoute route = router.route(headers);
      assertThat(rejectionCode(route)).as(key).isEqualTo(ErrorCode.INVALID_HEADER);
      assertThat(route.rejection().orElseThrow().message()).contains(key).contains("2 times");
      assertThat(route.correlationId()).as("an ambiguous correlation id is not copied").isNull();
    }
  }

  @Test
  void rejectsAnAllowedTopicThatDoesNotExist() {
    assertThat(rejectionCode(router.route(headers("rng.replies.nobody", null)))).isEqualTo(ErrorCode.REPLY_TOPIC_NOT_FOUND);
  }

  @Test
  void rejectsAReplyPartitionOfTheWrongLengthOrOutOfRange() {
    assertThat(rejectionCode(router.route(headers(null, new byte[] {0, 1})))).isEqualTo(ErrorCode.INVALID_REPLY_PARTITION);
    assertThat(rejectionCode(router.route(headers(null, ReplyPartitions.encode(3))))).isEqualTo(ErrorCode.INVALID_REPLY_PARTITION);
    assertThat(rejectionCode(router.route(headers(null, ReplyPartitions.encode(-1))))).isEqualTo(ErrorCode.INVALID_REPLY_PARTITION);
  }

  @Test
  void rejectsAnOversizedCorrelationIdWithoutCopyingIt() {
    final RecordHeaders headers = new RecordHeaders();
    headers.add(Headers.CORRELATION_ID, new byte[1024 * 1024]);
    final ReplyRoute route = router.route(headers);
    assertThat(rejectionCode(route)).isEqualTo(ErrorCode.INVALID_HEADER);
    assertThat(route.correlationId()).isNull();
  }
}
