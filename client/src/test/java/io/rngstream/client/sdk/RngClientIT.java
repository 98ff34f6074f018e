package io.rngstream.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.client.testing.ProcessorExtension;
import io.rngstream.client.testing.TestTopics;
import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.StackEndpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
@ExtendWith(ProcessorExtension.class)
class RngClientIT {
  /** A request topic that exists but that no processor reads: draws sent there never get a reply. */
  private static final String UNPROCESSED = "rng.requests.unprocessed";
  private static final byte[] SEED = HexFormat.of().parseHex("0123456789abcdef".repeat(4));

  private static StackEndpoints stack;
  private static RngClient client;

  @BeforeAll
  static void connect(final StackEndpoints endpoints) {
    stack = endpoints;
    TestTopics.create(stack, UNPROCESSED, 1);
    client = clientBuilder("rng-client-it").timeout(Duration.ofSeconds(30)).build();
  }

  @AfterAll
  static void close() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void drawsNumbersWithinTheBounds() {
    final DrawRequest request = DrawRequest.between(1, 6).count(3);

    final RandomReply reply = client.drawNow(request);

    assertThat(reply.getStatus()).isEqualTo(ReplyStatus.OK);
    assertThat(reply.getRequestId()).isEqualTo(request.requestId());
    assertThat(reply.getClientId()).isEqualTo("rng-client-it");
    assertThat(reply.getNumbers()).hasSize(3).allSatisfy(number -> assertThat(number).isBetween(1L, 6L));
  }

  @Test
  void surfacesARejectionWithItsCode() {
    final DrawRequest request = DrawRequest.between(1, 6).count(7).unique(true);

    assertThatThrownBy(() -> client.drawNow(request))
        .isInstanceOfSatisfying(DrawRejectedException.class, rejection -> {
          assertThat(rejection.code()).isEqualTo(ErrorCode.UNIQUE_COUNT_EXCEEDS_RANGE);
          assertThat(rejection.requestId()).isEqualTo(request.requestId());
          assertThat(rejection.reply().getStatus()).isEqualTo(ReplyStatus.REJECTED);
        });
  }

  @Test
  void drawsTheSameNumbersTwiceFromTheSameSeed() {
    final DrawRequest seeded = DrawRequest.between(1, 1_000_000).count(5).seed(SEED);

    final RandomReply first = client.drawNow(seeded);
    final RandomReply second = client.drawNow(seeded.requestId(UUID.randomUUID().toString()));

    assertThat(second.getNumbers()).isEqualTo(first.getNumbers());
    assertThat(second.getSerial()).as("two draws, not one answered twice").isNotEqualTo(first.getSerial());
    assertThat(first.getSeedSource()).isEqualTo("CLIENT");
  }

  @Test
  void matchesEveryReplyToItsRequestUnderConcurrentLoad() throws Exception {
    final int threads = 16;
    final int drawsPerThread = 500;
    final ExecutorService callers = Executors.newFixedThreadPool(threads);
    try {
      final List<Future<List<Draw>>> perThread = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        perThread.add(callers.submit(() -> {
          final List<Draw> draws = new ArrayList<>(drawsPerThread);
          for (int i = 0; i < drawsPerThread; i++) {
            final DrawRequest request = DrawRequest.between(0, 1_000).count(2);
            draws.add(new Draw(request, client.draw(request)));
          }
          return draws;
        }));
      }
      final List<Draw> all = new ArrayList<>();
      for (final Future<List<Draw>> draws : perThread) {
        all.addAll(draws.get(60, TimeUnit.SECONDS));
      }
      CompletableFuture.allOf(all.stream().map(Draw::reply).toArray(CompletableFuture[]::new))
          .get(90, TimeUnit.SECONDS);

      assertThat(all).hasSize(threads * drawsPerThread).allSatisfy(draw ->
          assertThat(draw.reply().join().getRequestId()).isEqualTo(draw.request().requestId()));
      assertThat(client.inFlight()).isZero();
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void readsRepliesFromAReplyTopicOfItsOwn() {
    final String replyTopic = "rng.replies.client-it-" + UUID.randomUUID().toString().substring(0, 8);
    TestTopics.create(stack, replyTopic, 2);
    try (RngClient own = clientBuilder("own-reply-topic").replyTopic(replyTopic).build()) {
      assertThat(own.drawNow(DrawRequest.between(1, 6)).getNumbers()).hasSize(1);
    }
  }

  @Test
  void countsOtherClientsRepliesOnTheSharedTopicAsForeign() {
    try (RngClient bystander = clientBuilder("bystander").build()) {
      client.drawNow(DrawRequest.between(1, 6));

      await().atMost(Duration.ofSeconds(10)).until(() -> bystander.lateOrForeignReplies() >= 1);
      assertThat(bystander.inFlight()).isZero();
    }
  }

  @Test
  void timesOutWhenNoProcessorAnswers() {
    try (RngClient unanswered = clientBuilder("unanswered").requestTopic(UNPROCESSED)
        .timeout(Duration.ofSeconds(1)).build()) {
      final DrawRequest request = DrawRequest.between(1, 6);
      final long start = System.nanoTime();

      assertThatThrownBy(() -> unanswered.drawNow(request))
          .isInstanceOfSatisfying(DrawTimeoutException.class, timeout -> {
            assertThat(timeout.requestId()).isEqualTo(request.requestId());
            assertThat(timeout.timeout()).isEqualTo(Duration.ofSeconds(1));
          });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThat(unanswered.inFlight()).isZero();
    }
  }

  @Test
  void failsFastBeyondTheInFlightBound() {
    try (RngClient bounded = clientBuilder("bounded").requestTopic(UNPROCESSED).maxInFlight(2)
        .timeout(Duration.ofSeconds(30)).build()) {
      bounded.draw(DrawRequest.between(1, 6));
      bounded.draw(DrawRequest.between(1, 6));

      assertThat(bounded.draw(DrawRequest.between(1, 6)))
          .failsWithin(Duration.ofMillis(100))
          .withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .withCauseInstanceOf(TooManyInFlightException.class);
    }
  }

  @Test
  void failsWaitingDrawsPromptlyOnClose() {
    final RngClient closing = clientBuilder("closing").requestTopic(UNPROCESSED)
        .timeout(Duration.ofSeconds(30)).build();
    final List<CompletableFuture<RandomReply>> waiting = List.of(
        closing.draw(DrawRequest.between(1, 6)), closing.draw(DrawRequest.between(1, 6)));
    final long start = System.nanoTime();

    closing.close();

    assertThat(waiting).allSatisfy(draw -> assertThat(draw)
        .failsWithin(Duration.ofSeconds(2))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(ClientClosedException.class));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(closing.draw(DrawRequest.between(1, 6))).isCompletedExceptionally();
  }

  @Test
  void refusesToStartWhenTheRequestTopicDoesNotExist() {
    assertThatThrownBy(() -> clientBuilder("typo").requestTopic("rng.requests.typo").build())
        .isInstanceOf(RngClientException.class)
        .hasMessageContaining("rng.requests.typo does not exist");
  }

  private record Draw(DrawRequest request, CompletableFuture<RandomReply> reply) {
  }

  private static RngClient.Builder clientBuilder(final String clientId) {
    return RngClient.builder()
        .bootstrapServers(stack.bootstrapServers())
        .registryUrl(stack.registryUrl())
        .clientId(clientId);
  }
}
