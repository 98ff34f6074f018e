package io.rngstream.bench;

import org.HdrHistogram.Histogram;

/** Percentiles of one measurement window in milliseconds, taken from an HdrHistogram of microseconds. */
record Latency(double p50, double p95, double p99, double p999, double max, double mean) {
  static final long HIGHEST_MICROS = 120_000_000L;

  /** A histogram that holds 1 µs to two minutes with three significant digits. */
  static Histogram newHistogram() {
    return new Histogram(1, HIGHEST_MICROS, 3);
  }

  static Latency of(final Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return new Latency(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Latency(ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(95)),
        ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()),
        micros.getMean() / 1000.0);
  }

  private static double ms(final long micros) {
    return micros / 1000.0;
  }
}
