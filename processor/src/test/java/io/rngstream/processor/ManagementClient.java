package io.rngstream.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the processor's management endpoints the way a probe or Prometheus does. */
public final class ManagementClient {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final int port;

  public ManagementClient(final int port) {
    this.port = port;
  }

  /** Status and body of a GET. */
  public record Response(int status, String body) {
  }

  public Response get(final String path) {
    return get(path, "*/*");
  }

  public Response get(final String path, final String accept) {
    try {
      final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .header("Accept", accept).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The sum of a metric's samples whose labels contain {@code labelFilter} (e.g. {@code outcome="ok"}); 0 when absent. */
  public double metric(final String name, final String labelFilter) {
    final Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})?\\s+(\\S+)$", Pattern.MULTILINE);
    final Matcher matcher = sample.matcher(get("/metrics", "text/plain").body());
    double sum = 0;
    while (matcher.find()) {
      final String labels = matcher.group(1) == null ? "" : matcher.group(1);
      if (labels.contains(labelFilter)) {
        sum += Double.parseDouble(matcher.group(2));
      }
    }
    return sum;
  }
}
