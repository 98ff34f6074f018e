package io.rngstream.processor.observe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Asks the schema registry in the background whether it answers, so that /ready reads a cached result
 * instead of calling the registry on every probe.
 */
public final class RegistryProbe implements AutoCloseable {
  private final URI systemInfo;
  private final Duration staleAfter;
  private final Clock clock;
  private final Supplier<Optional<String>> waitingRequest;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private volatile Instant lastAnswer = Instant.MIN;
  private volatile String lastProblem = "not asked yet";

  /** {@code waitingRequest} names a request that waits for the registry now (empty when none does). */
  public RegistryProbe(final String registryUrl, final Duration interval, final Duration staleAfter, final Clock clock,
      final Supplier<Optional<String>> waitingRequest) {
    this.systemInfo = URI.create(registryUrl + "/system/info");
    this.waitingRequest = waitingRequest;
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

  /**
   * Up when the registry answered within the stale-after window and no request waits for it. Down says which of
   * the two, and what still works: requests whose schema this instance has read already are answered.
   */
  public Check check() {
    final Optional<String> waiting = waitingRequest.get();
    if (waiting.isPresent()) {
      return Check.down("schema-registry", "a request waits for the schema registry at " + systemInfo
          + ", and this instance's partitions wait behind it until the registry answers: " + waiting.get());
    }
    final Instant answered = lastAnswer;
    if (answered.isAfter(clock.instant().minus(staleAfter))) {
      return Check.up("schema-registry", "answered at " + answered);
    }
    return Check.down("schema-registry", "the schema registry at " + systemInfo + " has not answered for more than "
        + staleAfter.toSeconds() + " s: " + lastProblem + "; degraded: requests whose schema this instance has read"
        + " already are still answered, a request with a schema it has not read yet waits until the registry answers");
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
