package io.rngstream.processor.observe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asks the schema registry in the background whether it answers, so that /ready reads a cached result
 * instead of calling the registry on every probe.
 */
public final class RegistryProbe implements AutoCloseable {
  private final URI systemInfo;
  private final Duration staleAfter;
  private final Clock clock;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private volatile Instant lastAnswer = Instant.MIN;
  private volatile String lastProblem = "not asked yet";

  public RegistryProbe(final String registryUrl, final Duration interval, final Duration staleAfter, final Clock clock) {
    this.systemInfo = URI.create(registryUrl + "/system/info");
    this.staleAfter = staleAfter;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      final Thread thread = new Thread(runnable, "rng-registry-probe");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleWithFixedDelay(this::ask, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Up when the registry answered within the stale-after window. */
  public Check check() {
    final Instant answered = lastAnswer;
    if (answered.isAfter(clock.instant().minus(staleAfter))) {
      return Check.up("schema-registry", "answered at " + answered);
    }
    return Check.down("schema-registry", "the schema registry at " + systemInfo + " has not answered for more than "
        + staleAfter.toSeconds() + " s: " + lastProblem);
  }

  private void ask() {
    try {
      final HttpResponse<Void> response = http.send(HttpRequest.newBuilder(systemInfo).timeout(Duration.ofSeconds(3)).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() == 200) {
        lastAnswer = clock.instant();
      } else {
        lastProblem = "HTTP " + response.statusCode();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    http.close();
  }
}
