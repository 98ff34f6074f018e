package io.rngstream.bench;

import org.HdrHistogram.Histogram;

/**
 * What the reply thread learns during one step. Requests whose intended send time falls in the measurement window
 * are measured; replies received during the window count towards throughput. Guarded by its own monitor: the
 * scheduler, the producer's callbacks and the reply thread all touch it.
 */
final class StepRecorder {
  private final long tag;
  private final long windowStart;
  private final long windowEnd;
  private final Histogram micros = Latency.newHistogram();
  private long sent;
  private long sentInWindow;
  private long answered;
  private long answeredInWindow;
  private long receivedDuringWindow;
  private long rejected;
  private long sendErrors;

  StepRecorder(final long tag, final long windowStart, final long windowEnd) {
    this.tag = tag;
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
  }

  long tag() {
    return tag;
  }

  synchronized void sent(final long intended) {
    sent++;
    if (inWindow(intended)) {
      sentInWindow++;
    }
  }

  synchronized void sendFailed() {
    sendErrors++;
    notifyAll();
  }

  synchronized void answered(final long intended, final long receivedAt, final boolean ok) {
    answered++;
    if (!ok) {
      rejected++;
    }
    if (inWindow(intended)) {
      answeredInWindow++;
      micros.recordValue(Math.min(Latency.HIGHEST_MICROS, Math.max(0, (receivedAt - intended) / 1000)));
    }
    if (receivedAt >= windowStart && receivedAt < windowEnd) {
      receivedDuringWindow++;
    }
    notifyAll();
  }

  /** Waits until every request sent has its reply (or failed to send), at most until {@code deadlineNanos}. */
  synchronized boolean awaitAll(final long deadlineNanos) throws InterruptedException {
    while (answered + sendErrors < sent) {
      final long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  synchronized StepResult result(final String kind, final double offeredRate, final int count, final double windowSeconds,
      final double maxP99Millis) {
    final double achieved = receivedDuringWindow / windowSeconds;
    final long unanswered = sentInWindow - answeredInWindow;
    final Latency latency = Latency.of(micros);
    final String verdict;
    if (sendErrors > 0) {
      verdict = sendErrors + " requests could not be sent";
    } else if (rejected > 0) {
      verdict = rejected + " replies REJECTED";
    } else if (unanswered > 0) {
      verdict = unanswered + " requests unanswered";
    } else if (achieved < 0.95 * offeredRate) {
      verdict = String.format(java.util.Locale.ROOT, "achieved %.0f/s < 95%% of offered", achieved);
    } else if (!(latency.p99() <= maxP99Millis)) {
      verdict = String.format(java.util.Locale.ROOT, "p99 %.1f ms > %.0f ms", latency.p99(), maxP99Millis);
    } else {
      verdict = "ok";
    }
    return new StepResult(kind, offeredRate, achieved, count, sent, answeredInWindow, unanswered, rejected, sendErrors,
        latency, "ok".equals(verdict), verdict);
  }

  private boolean inWindow(final long intended) {
    return intended >= windowStart && intended < windowEnd;
  }
}
