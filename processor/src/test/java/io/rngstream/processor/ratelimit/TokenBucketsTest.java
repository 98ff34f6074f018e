package io.rngstream.processor.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.processor.config.ProcessorConfig.RateLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {
  private static final Instant START = Instant.parse("2026-12-04T12:00:00Z");

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = START;

    void advance(final Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final ManualClock clock = new ManualClock();
  private BucketState state;

  private TokenBuckets.Decision take(final TokenBuckets buckets, final int numbers) {
    final TokenBuckets.Decision decision = buckets.take(state, clock.millis(), numbers);
    if (decision.allowed()) {
      state = decision.state();
    }
    return decision;
  }

  @Test
  void allowsTheBurstThenLimitsWithTheTimeToTheNextToken() {
    final TokenBuckets buckets = new TokenBuckets(new RateLimits(2, 5, 0, 1));
    for (int i = 0; i < 5; i++) {
      assertThat(take(buckets, 1).allowed()).as("request %d of the burst", i).isTrue();
    }
    final TokenBuckets.Decision limited = take(buckets, 1);
    assertThat(limited.allowed()).isFalse();
    assertThat(limited.retryAfterMs()).as("2 tokens per second: one every 500 ms").isEqualTo(500);

    clock.advance(Duration.ofMillis(499));
    assertThat(take(buckets, 1).allowed()).isFalse();
    assertThat(take(buckets, 1).retryAfterMs()).isEqualTo(1);
    clock.advance(Duration.ofMillis(1));
    assertThat(take(buckets, 1).allowed()).as("after retryAfterMs").isTrue();
    assertThat(take(buckets, 1).allowed()).isFalse();
  }

  @Test
  void limitsNumbersSeparatelyFromRequests() {
    final TokenBuckets buckets = new TokenBuckets(new RateLimits(0, 1, 100, 1000));
    assertThat(take(buckets, 1000).allowed()).isTrue();
    final TokenBuckets.Decision limited = take(buckets, 10);
    assertThat(limited.allowed()).isFalse();
    assertThat(limited.retryAfterMs()).as("10 numbers at 100 per second").isEqualTo(100);
    clock.advance(Duration.ofMillis(50));
    assertThat(take(buckets, 5).allowed()).as("5 numbers refilled after 50 ms").isTrue();
    assertThat(take(buckets, 0).allowed()).as("a request that draws nothing costs no numbers").isTrue();
  }

  @Test
  void retryAfterIsTheLongerOfBothWaits() {
    final TokenBuckets buckets = new TokenBuckets(new RateLimits(10, 1, 10, 10));
    assertThat(take(buckets, 10).allowed()).isTrue();
    final TokenBuckets.Decision limited = take(buckets, 10);
    assertThat(limited.retryAfterMs()).as("request token in 100 ms, 10 numbers in 1000 ms").isEqualTo(1000);
  }

  @Test
  void refillsNoFurtherThanTheBurst() {
    final TokenBuckets buckets = new TokenBuckets(new RateLimits(1, 3, 0, 1));
    assertThat(take(buckets, 1).allowed()).isTrue();
    clock.advance(Duration.ofHours(1));
    for (int i = 0; i < 3; i++) {
      assertThat(take(buckets, 1).allowed()).isTrue();
    }
    assertThat(take(buckets, 1).allowed()).as("a long pause saves up no more than the burst").isFalse();
  }

  @Test
  void aClockThatGoesBackCreditsNothing() {
    final TokenBuckets buckets = new TokenBuckets(new RateLimits(1, 1, 0, 1));
    assertThat(take(buckets, 1).allowed()).isTrue();
    clock.advance(Duration.ofMinutes(-10));
    assertThat(take(buckets, 1).allowed()).isFalse();
    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    assertThat(take(buckets, 1).allowed()).isTrue();
  }

  @Test
  void offWhenBothRatesAreZero() {
    final TokenBuckets buckets = new TokenBuckets(new RateLimits(0, 1, 0, 1));
    assertThat(buckets.enabled()).isFalse();
    for (int i = 0; i < 100; i++) {
      assertThat(take(buckets, 10_000).allowed()).isTrue();
    }
  }

  @Test
  void aLimitedRequestTakesNoTokens() {
    final TokenBuckets buckets = new TokenBuckets(new RateLimits(1, 1, 0, 1));
    assertThat(take(buckets, 1).allowed()).isTrue();
    for (int i = 0; i < 10; i++) {
      assertThat(take(buckets, 1).allowed()).isFalse();
    }
    clock.advance(Duration.ofSeconds(1));
    assertThat(take(buckets, 1).allowed()).as("hammering while limited does not push the next token further out").isTrue();
  }

  @Test
  void aBucketIsFullAgainOnceItRefilled() {
    final TokenBuckets buckets = new TokenBuckets(new RateLimits(10, 10, 100, 100));
    assertThat(take(buckets, 100).allowed()).isTrue();
    assertThat(buckets.full(state, clock.millis())).isFalse();
    clock.advance(Duration.ofMillis(999));
    assertThat(buckets.full(state, clock.millis())).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(buckets.full(state, clock.millis())).isTrue();
  }

  @Test
  void stateSurvivesItsBinaryForm() {
    final BucketState original = new BucketState(1.25, 999.5, START.toEpochMilli());
    assertThat(BucketState.decode(original.encode())).isEqualTo(original);
    assertThat(BucketState.decode(new byte[3])).as("unreadable state is no state").isNull();
  }
}
