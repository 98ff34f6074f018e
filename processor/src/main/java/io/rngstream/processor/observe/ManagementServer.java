package io.rngstream.processor.observe;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The management web server beside the topology: {@code /health} (liveness), {@code /ready} (readiness),
 * {@code /metrics} (Prometheus or OpenMetrics), {@code /info} and {@code /keys} (the public keys that verify signatures).
 */
public final class ManagementServer implements AutoCloseable {
  private final WebServer server;

  private ManagementServer(final WebServer server) {
    this.server = server;
  }

  /** Starts the server on the host and port given; port 0 picks a free one. */
  public static ManagementServer start(final String host, final int port, final StreamsHealth streams,
      final RegistryProbe registry, final BrokerProbe broker, final Supplier<Map<String, Object>> info,
      final Supplier<String> keys) {
    final WebServer server = WebServer.builder()
        .host(host)
        .port(port)
        .shutdownHook(false)
        .featuresDiscoverServices(false)
        .addFeature(ObserveFeature.builder().endpoint("/").addObserver(MetricsObserver.create()).build())
        .routing(routing -> routing(routing, streams, registry, broker, info, keys))
        .build()
        .start();
    return new ManagementServer(server);
  }

  /** The routes; tests reuse them. */
  public static void routing(final HttpRouting.Builder routing, final StreamsHealth streams, final RegistryProbe registry,
      final BrokerProbe broker, final Supplier<Map<String, Object>> info, final Supplier<String> keys) {
    routing
        .get("/health", (request, response) -> sendChecks(response, List.of(streams.liveness())))
        .get("/ready", (request, response) -> {
          final List<Check> checks = new ArrayList<>(streams.readiness());
          checks.add(broker.check());
          checks.add(registry.check());
          sendChecks(response, checks);
        })
        .get("/info", (request, response) -> sendJson(response, Status.OK_200, info.get()))
        .get("/keys", (request, response) -> response.status(Status.OK_200)
            .header(HeaderNames.CONTENT_TYPE, "application/json").send(keys.get()));
  }

  /** The port the server listens on. */
  public int port() {
    return server.port();
  }

  private static void sendChecks(final ServerResponse response, final List<Check> checks) {
    final boolean up = checks.stream().allMatch(Check::up);
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "UP" : "DOWN");
    body.put("checks", checks.stream().map(Check::toJson).toList());
    sendJson(response, up ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503, body);
  }

  private static void sendJson(final ServerResponse response, final Status status, final Object body) {
    response.status(status).header(HeaderNames.CONTENT_TYPE, "application/json").send(Json.value(body));
  }

  @Override
  public void close() {
    server.stop();
  }
}
