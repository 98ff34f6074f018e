package io.rngstream.bench;

/**
 * One fixed-rate step: what was offered, what came back within the measurement window, and its latency from the
 * intended send time (so a sender that fell behind cannot hide the wait: no coordinated omission).
 */
record StepResult(String kind, double offeredRate, double achievedRate, int count, long sent, long answered,
    long unanswered, long rejected, long sendErrors, Latency latency, boolean sustainable, String verdict) {

  double numbersPerSecond() {
    return achievedRate * count;
  }
}
