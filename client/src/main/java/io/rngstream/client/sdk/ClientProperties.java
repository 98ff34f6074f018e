package io.rngstream.client.sdk;

import java.time.Duration;
import java.util.Properties;

/** Reads {@link RngClient.Builder#properties} keys; strict, so a misspelt key is an error rather than a default. */
final class ClientProperties {
  static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  static final String REGISTRY_URL = "registry.url";
  static final String CLIENT_ID = "client.id";
  static final String REQUEST_TOPIC = "request.topic";
  static final String REPLY_TOPIC = "reply.topic";
  static final String TIMEOUT_MS = "timeout.ms";
  static final String MAX_IN_FLIGHT = "max.in.flight";
  static final String KAFKA_PREFIX = "kafka.";
  static final String APICURIO_PREFIX = "apicurio.";

  private ClientProperties() {
  }

  static void applyTo(final RngClient.Builder builder, final Properties properties) {
    for (final String key : properties.stringPropertyNames()) {
      final String value = properties.getProperty(key).trim();
      switch (key) {
        case BOOTSTRAP_SERVERS -> builder.bootstrapServers(value);
        case REGISTRY_URL -> builder.registryUrl(value);
        case CLIENT_ID -> builder.clientId(value);
        case REQUEST_TOPIC -> builder.requestTopic(value);
        case REPLY_TOPIC -> builder.replyTopic(value);
        case TIMEOUT_MS -> builder.timeout(Duration.ofMillis(number(key, value)));
        case MAX_IN_FLIGHT -> builder.maxInFlight((int) number(key, value));
        default -> {
          if (key.startsWith(KAFKA_PREFIX) && key.length() > KAFKA_PREFIX.length()) {
            builder.kafkaProperty(key.substring(KAFKA_PREFIX.length()), value);
          } else if (key.startsWith(APICURIO_PREFIX)) {
            builder.apicurioProperty(key, value);
          } else {
            throw new IllegalArgumentException("unknown client property " + key + "; known: " + BOOTSTRAP_SERVERS
                + ", " + REGISTRY_URL + ", " + CLIENT_ID + ", " + REQUEST_TOPIC + ", " + REPLY_TOPIC + ", "
                + TIMEOUT_MS + ", " + MAX_IN_FLIGHT + ", kafka.*, apicurio.*");
          }
        }
      }
    }
  }

  private static long number(final String key, final String value) {
    try {
      final long number = Long.parseLong(value);
      if (number < 1 || (key.equals(MAX_IN_FLIGHT) && number > Integer.MAX_VALUE)) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("client property " + key + "=" + value + " is not a positive number", e);
    }
  }
}
