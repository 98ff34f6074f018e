package io.rngstream.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The parts of Prometheus' HTTP API the tests use: instant queries, series, rules, targets. */
final class PrometheusApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String base;

  PrometheusApi(final String base) {
    this.base = base;
  }

  /** The answer to an instant query: its status, error (when it did not parse or failed) and result. */
  record QueryResult(String expression, String status, String errorType, String error, JsonNode result) {
    boolean ok() {
      return "success".equals(status);
    }

    /** Vectors and matrices with at least one series, or a scalar or string: what a panel can draw. */
    boolean hasData() {
      if (!ok() || result == null) {
        return false;
      }
      final String type = result.path("resultType").asText();
      final JsonNode value = result.path("result");
      return switch (type) {
        case "vector", "matrix" -> value.isArray() && !value.isEmpty();
        case "scalar", "string" -> !value.isMissingNode();
        default -> false;
      };
    }
  }

  boolean ready() {
    try {
      return send(HttpRequest.newBuilder(URI.create(base + "/-/ready")).GET()).statusCode() == 200;
    } catch (UncheckedIOException notYet) {
      return false;
    }
  }

  /** An instant query at the server's current time. */
  QueryResult query(final String expression) {
    final HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/query"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8))));
    final JsonNode body = parse(response.body());
    return new QueryResult(expression, body.path("status").asText(), body.path("errorType").asText(null),
        body.path("error").asText(null), body.get("data"));
  }

  /** A single number: the first sample of an instant query's vector, or NaN when it has none. */
  double value(final String expression) {
    final QueryResult result = query(expression);
    if (!result.hasData() || !"vector".equals(result.result().path("resultType").asText())) {
      return Double.NaN;
    }
    return result.result().path("result").get(0).path("value").get(1).asDouble();
  }

  /** Whether any series of this metric name is in the database (at any time), e.g. a recording rule's output. */
  boolean hasSeries(final String metricName) {
    final String match = URLEncoder.encode("{__name__=\"" + metricName + "\"}", StandardCharsets.UTF_8);
    final JsonNode body = parse(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/series?match[]=" + match
        + "&start=" + (System.currentTimeMillis() / 1000 - 3600))).GET()).body());
    return body.path("data").isArray() && !body.path("data").isEmpty();
  }

  /** The rule groups as Prometheus loaded and evaluated them. */
  JsonNode rules() {
    return parse(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/rules")).GET()).body()).path("data").path("groups");
  }

  /** The active scrape targets. */
  JsonNode targets() {
    return parse(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/targets?state=active")).GET()).body())
        .path("data").path("activeTargets");
  }

  private HttpResponse<String> send(final HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(final String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON from Prometheus: " + body, e);
    }
  }
}
