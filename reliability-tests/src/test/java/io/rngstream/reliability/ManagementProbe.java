package io.rngstream.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GETs the processor's management endpoints the way a Kubernetes probe does; a refused connection is status 0. */
final class ManagementProbe {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final int port;

  ManagementProbe(final int port) {
    this.port = port;
  }

  /** Status and body of a GET; status 0 when nothing answered. */
  record Response(int status, String body) {
  }

  Response get(final String path) {
    try {
      final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Response(0, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Response(0, "interrupted");
    }
  }

  Response ready() {
    return get("/ready");
  }
}
