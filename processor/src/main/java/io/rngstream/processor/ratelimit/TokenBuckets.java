package io.rngstream.processor.ratelimit;

import io.rngstream.processor.config.ProcessorConfig.RateLimits;

/**
 * Token-bucket arithmetic for one client: a request takes one request token and one number token per number.
 * Buckets refill continuously at their rate up to their burst; a bucket with rate 0 is off. Pure: the caller
 * supplies the state and the time, and stores the state it gets back.
 */
public final class TokenBuckets {
  private static final double MILLIS_PER_SECOND = 1000.0;
  private static final double ROUNDING_TOLERANCE = 1e-6;

  private final RateLimits limits;

  public TokenBuckets(final RateLimits limits) {
    this.limits = limits;
  }

  /** The outcome of one request: allowed (with the state to store) or limited (with how long to wait). */
  public record Decision(boolean allowed, BucketState state, long retryAfterMs) {
  }

  /** Whether the buckets are on at all; when off, nothing needs to be stored. */
  public boolean enabled() {
    return limits.enabled();
  }

  /**
   * Takes one request of {@code numbers} numbers from the buckets.
   *
   * @param previous the stored state, or null for a client not seen (or evicted): full buckets
   * @param nowMs the current time in epoch milliseconds
   * @param numbers the numbers the request costs (0 for a request that will not draw)
   * @return the decision; a limited request takes no tokens, so its state is the refilled one
   */
  public Decision take(final BucketState previous, final long nowMs, final int numbers) {
    final BucketState refilled = refill(previous, nowMs);
    final long waitForRequest = waitMs(refilled.requestTokens(), 1, limits.requestsPerSecond());
    final long waitForNumbers = waitMs(refilled.numberTokens(), numbers, limits.numbersPerSecond());
    final long retryAfterMs = Math.max(waitForRequest, waitForNumbers);
    if (retryAfterMs > 0) {
      return new Decision(false, refilled, retryAfterMs);
    }
    return new Decision(true, new BucketState(
        limits.requestsPerSecond() > 0 ? refilled.requestTokens() - 1 : refilled.requestTokens(),
        limits.numbersPerSecond() > 0 ? refilled.numberTokens() - numbers : refilled.numberTokens(),
        refilled.refilledAtMs()), 0);
  }

  /** True when the buckets would be full by {@code nowMs}: the state says nothing an absent one would not. */
  public boolean full(final BucketState state, final long nowMs) {
    final BucketState refilled = refill(state, nowMs);
    return refilled.requestTokens() >= limits.requestsBurst() && refilled.numberTokens() >= limits.numbersBurst();
  }

  private BucketState refill(final BucketState previous, final long nowMs) {
    if (previous == null) {
      return new BucketState(limits.requestsBurst(), limits.numbersBurst(), nowMs);
    }
    // A clock that went back (another instance took over the partition, NTP) credits nothing rather than going negative.
    final long elapsedMs = Math.max(0, nowMs - previous.refilledAtMs());
    return new BucketState(
        Math.min(limits.requestsBurst(), previous.requestTokens() + elapsedMs * limits.requestsPerSecond() / MILLIS_PER_SECOND),
        Math.min(limits.numbersBurst(), previous.numberTokens() + elapsedMs * limits.numbersPerSecond() / MILLIS_PER_SECOND),
        Math.max(nowMs, previous.refilledAtMs()));
  }

  private static long waitMs(final double available, final int needed, final int perSecond) {
    if (perSecond <= 0 || available >= needed) {
      return 0;
    }
    // The tolerance keeps floating-point dust (0.998 + 0.002 != 1) from adding a millisecond.
    return Math.max(1, (long) Math.ceil((needed - available) * MILLIS_PER_SECOND / perSecond - ROUNDING_TOLERANCE));
  }
}
