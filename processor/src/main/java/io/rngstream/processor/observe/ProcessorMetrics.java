package io.rngstream.processor.observe;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.DistributionStatisticsConfig;
import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.rngstream.core.protocol.DeadLetterReason;
import io.rngstream.avro.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The application meters of docs/metrics.md. Names are fixed: dashboards and alerts depend on them.
 * Label values come from fixed sets only (outcomes, error codes, dead-letter reasons), never from callers.
 */
public final class ProcessorMetrics {
  /** The latency SLO is p95 under 0.15 s, so 0.15 s must be a bucket boundary. */
  static final Duration[] LATENCY_BUCKETS = durations(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10);
  private static final Duration[] DRAW_BUCKETS = durations(0.00001, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.1);
  private static final double[] RANGE_BITS_BUCKETS = {1, 2, 4, 8, 16, 24, 32, 40, 48, 56, 64};
  private static final double[] COUNT_BUCKETS = {1, 2, 5, 10, 20, 50, 100, 500, 1000, 5000, 10000};
  private static final String SCOPE = "application";
  private static final String OUTCOME_OK = "ok";
  private static final String OUTCOME_DUPLICATE = "duplicate";
  private static final String OUTCOME_REJECTED = "rejected";
  private static final String CODE_NONE = "none";
  /** Quantiles computed in the process cannot be aggregated across instances; buckets can. */
  private static final double[] NO_PERCENTILES = {};

  private final MeterRegistry registry;
  private final Timer latency;
  private final Timer draw;
  private final Counter numbers;
  private final DistributionSummary rangeBits;
  private final DistributionSummary counts;
  private final Counter checkpoints;
  private final Counter signingFailures;
  private final Counter chainErrors;

  public ProcessorMetrics(final MeterRegistry registry) {
    this.registry = registry;
    this.latency = registry.getOrCreate(Timer.builder("rng_request_latency")
        .baseUnit(io.helidon.metrics.api.Meter.BaseUnits.SECONDS)
        .description("From the request record's timestamp to its reply being handed to the producer")
        .buckets(LATENCY_BUCKETS)
        .percentiles(NO_PERCENTILES)
        .scope(SCOPE));
    this.draw = registry.getOrCreate(Timer.builder("rng_draw")
        .baseUnit(io.helidon.metrics.api.Meter.BaseUnits.SECONDS)
        .description("The draw alone: seed, DRBG and mapping")
        .buckets(DRAW_BUCKETS)
        .percentiles(NO_PERCENTILES)
        .scope(SCOPE));
    this.numbers = registry.getOrCreate(Counter.builder("rng_numbers")
        .description("Numbers drawn")
        .scope(SCOPE));
    this.rangeBits = registry.getOrCreate(DistributionSummary.builder("rng_request_range_bits",
            DistributionStatisticsConfig.builder().buckets(RANGE_BITS_BUCKETS).percentiles(NO_PERCENTILES))
        .description("log2 of the range size max - min + 1 of answered requests")
        .scope(SCOPE));
    this.counts = registry.getOrCreate(DistributionSummary.builder("rng_request_count",
            DistributionStatisticsConfig.builder().buckets(COUNT_BUCKETS).percentiles(NO_PERCENTILES))
        .description("Numbers asked for per request")
        .scope(SCOPE));
    this.checkpoints = registry.getOrCreate(Counter.builder("rng_audit_checkpoints")
        .description("Signed checkpoints of the audit chains written").scope(SCOPE));
    this.signingFailures = registry.getOrCreate(Counter.builder("rng_signing_failures")
        .description("Replies or checkpoints that could not be signed").scope(SCOPE));
    this.chainErrors = registry.getOrCreate(Counter.builder("rng_audit_chain_errors")
        .description("Audit records that could not be linked to their partition's hash chain").scope(SCOPE));
    registerLabelledCountersAtZero();
  }

  /**
   * Every series of the labelled counters from the start, at zero: a rate() or an alert on a series that
   * appears only with its first increment misses that increment, and an absent series reads as "no data".
   */
  private void registerLabelledCountersAtZero() {
    requests(OUTCOME_OK, CODE_NONE);
    requests(OUTCOME_DUPLICATE, CODE_NONE);
    for (final ErrorCode code : ErrorCode.values()) {
      requests(OUTCOME_REJECTED, code.name());
    }
    for (final DeadLetterReason reason : DeadLetterReason.values()) {
      deadLetters(reason.name());
    }
  }

  /** A request answered: counted by outcome and code, with its latency since the request record's timestamp. */
  public void answered(final String outcome, final String code, final Duration latencySinceRequest) {
    requests(outcome, code).increment();
    latency.record(latencySinceRequest.isNegative() ? Duration.ZERO : latencySinceRequest);
  }

  /** A draw made: its duration, size and shape. */
  public void drew(final Duration drawTime, final int count, final double rangeBitsOfRequest) {
    draw.record(drawTime);
    numbers.increment(count);
    counts.record(count);
    rangeBits.record(rangeBitsOfRequest);
  }

  /** A signed checkpoint of an audit partition's chain written. */
  public void checkpointed() {
    checkpoints.increment();
  }

  /** Signing a reply or checkpoint failed (the request is then retried by exactly-once, not answered unsigned). */
  public void signingFailed() {
    signingFailures.increment();
  }

  /** Linking an audit record to its partition's chain failed. */
  public void chainFailed() {
    chainErrors.increment();
  }

  /** A record sent to the dead-letter topic. */
  public void deadLettered(final String reason) {
    deadLetters(reason).increment();
  }

  private Counter requests(final String outcome, final String code) {
    return registry.getOrCreate(Counter.builder("rng_requests")
        .description("Requests answered, by outcome (ok, duplicate, rejected) and error code (none unless rejected)")
        .tags(List.of(Tag.create("outcome", outcome), Tag.create("code", code.toLowerCase(Locale.ROOT))))
        .scope(SCOPE));
  }

  private Counter deadLetters(final String reason) {
    return registry.getOrCreate(Counter.builder("rng_dead_letters")
        .description("Request records that could not be read, by reason")
        .tags(List.of(Tag.create("reason", reason.toLowerCase(Locale.ROOT))))
        .scope(SCOPE));
  }

  private static Duration[] durations(final double... seconds) {
    final Duration[] result = new Duration[seconds.length];
    for (int i = 0; i < seconds.length; i++) {
      result[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
    }
    return result;
  }
}
