package io.rngstream.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.avro.RequestError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PendingDrawsTest {
  private static final Executor NOW = Runnable::run;

  private final PendingDraws pending = new PendingDraws(3, NOW);
  private final CorrelationId first = new CorrelationId(1, 1);
  private final CorrelationId second = new CorrelationId(2, 2);

  @Test
  void completesTheDrawWhoseCorrelationIdTheReplyCarries() {
    final CompletableFuture<RandomReply> one = pending.register(first, "r-1");
    final CompletableFuture<RandomReply> two = pending.register(second, "r-2");

    assertThat(pending.onReply(second.toBytes(), () -> Optional.of(ok("r-2")))).isTrue();

    assertThat(two).isCompletedWithValueMatching(reply -> reply.getRequestId().equals("r-2"));
    assertThat(one).isNotDone();
    assertThat(pending.inFlight()).isEqualTo(1);
  }

  @Test
  void failsTheDrawWithTheServicesCodeWhenTheReplyIsRejected() {
    final CompletableFuture<RandomReply> draw = pending.register(first, "r-1");

    pending.onReply(first.toBytes(), () -> Optional.of(rejected("r-1", ErrorCode.UNIQUE_COUNT_EXCEEDS_RANGE)));

    assertThat(failureOf(draw)).isInstanceOfSatisfying(DrawRejectedException.class, rejection -> {
      assertThat(rejection.code()).isEqualTo(ErrorCode.UNIQUE_COUNT_EXCEEDS_RANGE);
      assertThat(rejection.reason()).isEqualTo("no");
      assertThat(rejection.reply().getRequestId()).isEqualTo("r-1");
    });
  }

  @Test
  void surfacesRetryAfterOfARateLimitedReply() {
    final CompletableFuture<RandomReply> draw = pending.register(first, "r-1");
    final CompletableFuture<RandomReply> other = pending.register(second, "r-2");

    pending.onReply(first.toBytes(), () -> Optional.of(
        RandomReply.newBuilder(rejected("r-1", ErrorCode.RATE_LIMITED)).setRetryAfterMs(1500L).build()));
    pending.onReply(second.toBytes(), () -> Optional.of(rejected("r-2", ErrorCode.INVALID_BOUNDS)));

    assertThat(failureOf(draw)).isInstanceOfSatisfying(DrawRejectedException.class, rejection -> {
      assertThat(rejection.code()).isEqualTo(ErrorCode.RATE_LIMITED);
      assertThat(rejection.retryAfter()).contains(java.time.Duration.ofMillis(1500));
    });
    assertThat(failureOf(other)).isInstanceOfSatisfying(DrawRejectedException.class,
        rejection -> assertThat(rejection.retryAfter()).isEmpty());
  }

  @Test
  void dropsAndCountsForeignRepliesWithoutDecodingThem() {
    pending.register(first, "r-1");
    final AtomicInteger decoded = new AtomicInteger();

    assertThat(pending.onReply(second.toBytes(), () -> {
      decoded.incrementAndGet();
      return Optional.of(ok("r-2"));
    })).isFalse();
    assertThat(pending.onReply(null, () -> Optional.of(ok("r-2")))).isFalse();
    assertThat(pending.onReply(new byte[4], () -> Optional.of(ok("r-2")))).isFalse();

    assertThat(decoded).as("other clients' replies are not decoded").hasValue(0);
    assertThat(pending.lateOrForeignReplies()).isEqualTo(3);
    assertThat(pending.inFlight()).isEqualTo(1);
  }

  @Test
  void dropsAndCountsAReplyThatArrivesAfterTheTimeout() {
    final CompletableFuture<RandomReply> draw = pending.register(first, "r-1");
    pending.expire(first, Duration.ofSeconds(5));

    assertThat(pending.onReply(first.toBytes(), () -> Optional.of(ok("r-1")))).isFalse();

    assertThat(failureOf(draw)).isInstanceOf(DrawTimeoutException.class);
    assertThat(pending.lateOrForeignReplies()).isEqualTo(1);
  }

  @Test
  void doesNotLetAReplyForAnotherRequestIdCompleteTheDraw() {
    final CompletableFuture<RandomReply> draw = pending.register(first, "r-1");

    assertThat(pending.onReply(first.toBytes(), () -> Optional.of(ok("someone-else")))).isFalse();

    assertThat(draw).isNotDone();
    assertThat(pending.lateOrForeignReplies()).isEqualTo(1);
    assertThat(pending.onReply(first.toBytes(), () -> Optional.of(ok("r-1")))).isTrue();
  }

  @Test
  void dropsRepliesThatDoNotDecodeAndKeepsWaiting() {
    final CompletableFuture<RandomReply> draw = pending.register(first, "r-1");

    assertThat(pending.onReply(first.toBytes(), () -> {
      throw new IllegalStateException("not Avro");
    })).isFalse();
    assertThat(pending.onReply(first.toBytes(), Optional::empty)).isFalse();

    assertThat(draw).isNotDone();
    assertThat(pending.lateOrForeignReplies()).isEqualTo(2);
  }

  @Test
  void timesOutWithTheRequestIdAndTheTimeout() {
    final CompletableFuture<RandomReply> draw = pending.register(first, "r-1");

    assertThat(pending.expire(first, Duration.ofMillis(1500))).isTrue();

    assertThat(failureOf(draw)).isInstanceOfSatisfying(DrawTimeoutException.class, timeout -> {
      assertThat(timeout.requestId()).isEqualTo("r-1");
      assertThat(timeout.timeout()).isEqualTo(Duration.ofMillis(1500));
      assertThat(timeout).hasMessageContaining("r-1").hasMessageContaining("1500 ms");
    });
    assertThat(pending.expire(first, Duration.ofMillis(1500))).as("a draw ends once").isFalse();
  }

  @Test
  void refusesDrawsBeyondTheBoundAtOnceAndAcceptsThemAgainWhenOneEnds() {
    pending.register(first, "r-1");
    pending.register(second, "r-2");
    pending.register(new CorrelationId(3, 3), "r-3");

    final CompletableFuture<RandomReply> refused = pending.register(new CorrelationId(4, 4), "r-4");

    assertThat(failureOf(refused)).isInstanceOfSatisfying(TooManyInFlightException.class, tooMany -> {
      assertThat(tooMany.maxInFlight()).isEqualTo(3);
      assertThat(tooMany.requestId()).isEqualTo("r-4");
    });
    pending.onReply(first.toBytes(), () -> Optional.of(ok("r-1")));
    assertThat(pending.register(new CorrelationId(5, 5), "r-5")).isNotDone();
  }

  @Test
  void failsEveryWaitingDrawOnCloseAndRefusesNewOnes() {
    final List<CompletableFuture<RandomReply>> draws = List.of(
        pending.register(first, "r-1"), pending.register(second, "r-2"));

    assertThat(pending.closeAll()).isEqualTo(2);

    assertThat(draws).allSatisfy(draw -> assertThat(failureOf(draw)).isInstanceOf(ClientClosedException.class));
    assertThat(failureOf(pending.register(new CorrelationId(9, 9), "r-9")))
        .isInstanceOf(ClientClosedException.class).hasMessageContaining("r-9");
    assertThat(pending.inFlight()).isZero();
  }

  @Test
  void failsADrawWhoseSendFailed() {
    final CompletableFuture<RandomReply> draw = pending.register(first, "r-1");

    pending.fail(first, new RngClientException("broker gone"));

    assertThat(failureOf(draw)).hasMessage("broker gone");
    assertThat(pending.inFlight()).isZero();
  }

  @Test
  void completesOnTheCallbackExecutorNotOnTheReplyThread() {
    final AtomicReference<Runnable> handedOver = new AtomicReference<>();
    final PendingDraws onExecutor = new PendingDraws(1, handedOver::set);
    final CompletableFuture<RandomReply> draw = onExecutor.register(first, "r-1");

    onExecutor.onReply(first.toBytes(), () -> Optional.of(ok("r-1")));

    assertThat(draw).as("not completed on the thread that read the reply").isNotDone();
    handedOver.get().run();
    assertThat(draw).isCompleted();
  }

  @Test
  void keepsACallerCancelledDrawWaitingUntilItsReplyOrTimeoutFreesIt() {
    final CompletableFuture<RandomReply> draw = pending.register(first, "r-1");

    draw.cancel(false);

    assertThat(pending.isWaiting(first)).isTrue();
    assertThat(pending.expire(first, Duration.ofSeconds(1))).isTrue();
    assertThat(pending.isWaiting(first)).isFalse();
    assertThat(pending.inFlight()).isZero();
  }

  @Test
  void refusesAnEmptyBound() {
    assertThatThrownBy(() -> new PendingDraws(0, NOW)).isInstanceOf(IllegalArgumentException.class);
  }

  private static Throwable failureOf(final CompletableFuture<RandomReply> draw) {
    assertThat(draw).isCompletedExceptionally();
    try {
      draw.get();
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  static RandomReply ok(final String requestId) {
    return reply(requestId).setStatus(ReplyStatus.OK).setNumbers(List.of(4L)).build();
  }

  private static RandomReply rejected(final String requestId, final ErrorCode code) {
    return reply(requestId).setStatus(ReplyStatus.REJECTED)
        .setError(RequestError.newBuilder().setCode(code).setMessage("no").build())
        .setNumbers(List.of()).build();
  }

  private static RandomReply.Builder reply(final String requestId) {
    return RandomReply.newBuilder().setRequestId(requestId).setClientId("c").setMin(1).setMax(6).setCount(1)
        .setUnique(false).setAlgorithm("test").setSerial("0:0").setGeneratedAt(Instant.EPOCH);
  }
}
