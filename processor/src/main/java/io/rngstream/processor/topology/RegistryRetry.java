package io.rngstream.processor.topology;

import io.rngstream.core.protocol.DeadLetterReason;
import io.rngstream.processor.topology.DecodedRequest.Unreadable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes again, with backoff, while the schema registry cannot be asked (refused, timed out, 5xx): a request is
 * never dead-lettered or skipped because the registry is down, it waits (docs/decisions.md, "Registry outages").
 * The stream thread waits with it, so the partitions of this instance pause and keep their order. {@link #stop()}
 * ends the wait with {@link RegistryUnavailableException}: the request stays uncommitted for the next start.
 */
public final class RegistryRetry {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryRetry.class);

  private final Duration firstBackoff;
  private final Duration maxBackoff;
  private final Clock clock;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile String waiting;

  /** 100 ms after the first failure, doubling up to 5 s between attempts. */
  public RegistryRetry() {
    this(Duration.ofMillis(100), Duration.ofSeconds(5), Clock.systemUTC());
  }

  RegistryRetry(final Duration firstBackoff, final Duration maxBackoff, final Clock clock) {
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
    this.clock = clock;
  }

  /**
   * Runs {@code attempt} until its result is not {@code REGISTRY_UNAVAILABLE}; {@code whereOf} names the record, asked
   * only when it has to wait (the per-record path should not build that text for every request).
   */
  DecodedRequest decode(final Supplier<DecodedRequest> attempt, final Supplier<String> whereOf) {
    DecodedRequest result = attempt.get();
    if (!registryUnavailable(result)) {
      return result;
    }
    final String where = whereOf.get();
    final Instant since = clock.instant();
    Duration backoff = firstBackoff;
    int attempts = 1;
    LOG.warn("The schema registry cannot be asked for {}; retrying until it answers (this instance's partitions wait): {}",
        where, ((Unreadable) result).message());
    while (registryUnavailable(result)) {
      waiting = where + " has waited since " + since + " (" + attempts + " attempts): " + ((Unreadable) result).message();
      if (awaitStop(backoff)) {
        waiting = null;
        throw new RegistryUnavailableException("stopped while " + where + " waited for the schema registry: "
            + ((Unreadable) result).message());
      }
      backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
      result = attempt.get();
      attempts++;
    }
    waiting = null;
    LOG.info("The schema registry answered for {} after {} attempts in {} ms", where, attempts,
        Duration.between(since, clock.instant()).toMillis());
    return result;
  }

  /** What waits for the registry now, for {@code /ready}; empty when nothing does. */
  public Optional<String> waiting() {
    return Optional.ofNullable(waiting);
  }

  /** Ends every wait now and refuses to wait again: the processor is stopping. */
  public void stop() {
    stopped.countDown();
  }

  /** True once {@link #stop()} was called. */
  public boolean stopping() {
    return stopped.getCount() == 0;
  }

  private boolean awaitStop(final Duration timeout) {
    try {
      return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private static boolean registryUnavailable(final DecodedRequest result) {
    return result instanceof Unreadable unreadable && unreadable.reason() == DeadLetterReason.REGISTRY_UNAVAILABLE;
  }
}
