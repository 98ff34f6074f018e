package io.rngstream.processor.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Everything the processor needs to start, validated once. */
public record ProcessorConfig(
    String bootstrapServers,
    String registryUrl,
    String applicationId,
    String instanceId,
    Path stateDir,
    TopicNames topics,
    TopicLayout topicLayout,
    Pattern allowedReplyTopics,
    Limits limits,
    Duration shutdownTimeout,
    Map<String, String> kafkaProperties,
    Map<String, String> registryProperties) {

  /** The four topics of the service. */
  public record TopicNames(String requests, String replies, String audit, String deadLetters) {
  }

  /** How topics are created when missing. */
  public record TopicLayout(boolean create, int partitions, short replicationFactor) {
  }

  /** Per-request limits. */
  public record Limits(int maxCount, int maxUserDataChars) {
  }

  public ProcessorConfig {
    kafkaProperties = Map.copyOf(kafkaProperties);
    registryProperties = Map.copyOf(registryProperties);
  }

  /** Reads the process environment (and {@code RNG_CONFIG_FILE}) with the defaults underneath. */
  public static ProcessorConfig fromEnvironment() {
    return from(ConfigSource.load(System.getenv(), Map.of()));
  }

  /** Parses and validates raw settings; throws {@link ConfigException} naming the first bad key. */
  public static ProcessorConfig from(final ConfigSource source) {
    final Reader in = new Reader(source.values());
    final TopicNames topics = new TopicNames(
        in.topicName("topics.requests"), in.topicName("topics.replies"),
        in.topicName("topics.audit"), in.topicName("topics.dead-letters"));
    final Pattern allowed = in.parse("replies.allowed-topics", Pattern::compile);
    if (!allowed.matcher(topics.replies()).matches()) {
      throw in.invalid("replies.allowed-topics", "it must allow the default reply topic " + topics.replies());
    }
    final Map<String, String> kafka = new TreeMap<>(in.withPrefix("kafka."));
    final String bootstrap = kafka.remove("bootstrap.servers");
    return new ProcessorConfig(
        in.required("kafka.bootstrap.servers", bootstrap),
        in.parse("registry.url", ProcessorConfig::httpUrl),
        in.required("application.id"),
        in.optional("instance.id").orElseGet(ProcessorConfig::hostName),
        Path.of(in.required("state.dir")),
        topics,
        new TopicLayout(
            in.parse("topics.create", ProcessorConfig::strictBoolean),
            in.intAtLeast("topics.partitions", 1),
            (short) in.intAtLeast("topics.replication-factor", 1)),
        allowed,
        new Limits(in.intAtLeast("limits.max-count", 1), in.intAtLeast("limits.max-user-data-chars", 0)),
        Duration.ofMillis(in.intAtLeast("shutdown.timeout-ms", 0)),
        kafka,
        in.keysStartingWith("apicurio."));
  }

  private static String httpUrl(final String value) {
    final URI uri = URI.create(value);
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("not an http(s) URL");
    }
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }

  private static boolean strictBoolean(final String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("expected true or false");
    };
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "processor-" + UUID.randomUUID();
    }
  }

  /** Reads keys, and words every failure the same way. */
  private record Reader(Map<String, String> values) {
    String required(final String key) {
      return required(key, values.get(key));
    }

    String required(final String key, final String value) {
      if (value == null || value.isBlank()) {
        throw new ConfigException("Missing setting " + key + ": set " + ConfigSource.environmentVariable(key) + ".");
      }
      return value;
    }

    java.util.Optional<String> optional(final String key) {
      return java.util.Optional.ofNullable(values.get(key)).filter(value -> !value.isBlank());
    }

    <T> T parse(final String key, final Function<String, T> parser) {
      final String value = required(key);
      try {
        return Objects.requireNonNull(parser.apply(value));
      } catch (IllegalArgumentException e) {
        throw invalid(key, e.getMessage());
      }
    }

    int intAtLeast(final String key, final int minimum) {
      final int value = parse(key, Integer::parseInt);
      if (value < minimum) {
        throw invalid(key, "it must be at least " + minimum);
      }
      return value;
    }

    String topicName(final String key) {
      final String value = required(key);
      if (!value.matches("[a-zA-Z0-9._-]{1,249}")) {
        throw invalid(key, "a topic name has 1 to 249 of the characters a-z A-Z 0-9 . _ -");
      }
      return value;
    }

    Map<String, String> keysStartingWith(final String prefix) {
      final Map<String, String> result = new TreeMap<>();
      withPrefix(prefix).forEach((key, value) -> result.put(prefix + key, value));
      return result;
    }

    Map<String, String> withPrefix(final String prefix) {
      final Map<String, String> result = new TreeMap<>();
      values.forEach((key, value) -> {
        if (key.startsWith(prefix) && !value.isBlank()) {
          result.put(key.substring(prefix.length()), value);
        }
      });
      return result;
    }

    ConfigException invalid(final String key, final String why) {
      return new ConfigException("Invalid setting " + key + "=" + values.get(key) + " ("
          + ConfigSource.environmentVariable(key) + "): " + why + ".");
    }
  }
}
