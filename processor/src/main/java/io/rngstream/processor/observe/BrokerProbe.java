package io.rngstream.processor.observe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Asks the Kafka cluster in the background whether it answers, so that /ready shows a broker outage: Kafka
 * Streams rides one out in state RUNNING (its clients retry), which alone would leave the processor "ready".
 */
public final class BrokerProbe implements AutoCloseable {
  private static final long MAX_ASK_MILLIS = 3_000;

  private final Admin admin;
  private final Duration staleAfter;
  private final Clock clock;
  private final long askMillis;
  private final ScheduledExecutorService scheduler;
  private volatile Instant lastAnswer = Instant.MIN;
  private volatile String lastProblem = "not asked yet";

  public BrokerProbe(final Admin admin, final Duration interval, final Duration staleAfter, final Clock clock) {
    this.admin = admin;
    this.staleAfter = staleAfter;
    this.clock = clock;
    this.askMillis = Math.max(100, Math.min(MAX_ASK_MILLIS, interval.toMillis()));
    this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      final Thread thread = new Thread(runnable, "rng-broker-probe");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleWithFixedDelay(this::ask, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Up when the cluster answered within the stale-after window. */
  public Check check() {
    final Instant answered = lastAnswer;
    if (answered.isAfter(clock.instant().minus(staleAfter))) {
      return Check.up("kafka", "answered at " + answered);
    }
    return Check.down("kafka", "the Kafka cluster has not answered for more than " + staleAfter.toSeconds() + " s: "
        + lastProblem + "; requests wait in their topic and are answered once it is back");
  }

  private void ask() {
    try {
      final int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) askMillis))
          .nodes().get(askMillis + 1_000, TimeUnit.MILLISECONDS).size();
      if (nodes > 0) {
        lastAnswer = clock.instant();
      } else {
        lastProblem = "the cluster has no broker";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      lastProblem = describe(e.getCause() == null ? e : e.getCause());
    } catch (Exception e) {
      lastProblem = describe(e);
    }
  }

  private static String describe(final Throwable error) {
    return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
