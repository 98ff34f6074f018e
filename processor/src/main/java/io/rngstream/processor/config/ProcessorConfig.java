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
    RateLimits rateLimits,
    Duration shutdownTimeout,
    Management management,
    RegistryCheck registryCheck,
    BrokerCheck brokerCheck,
    Logging logging,
    Signing signing,
    AuditTrail auditTrail,
    Duration idempotencyWindow,
    Map<String, String> kafkaProperties,
    Map<String, String> registryProperties) {

  /** The four topics of the service. */
  public record TopicNames(String requests, String replies, String audit, String deadLetters) {
  }

  /** How topics are created when missing. */
  public record TopicLayout(boolean create, int partitions, short replicationFactor) {
  }

  /** Per-request limits; {@code maxRequestBytes} bounds key, value and headers of a request record together. */
  public record Limits(int maxCount, int maxUserDataChars, int maxRequestBytes) {
  }

  /**
   * Token buckets per clientId: a rate per second and a burst (bucket size) for requests and for numbers.
   * A rate of 0 switches that bucket off.
   */
  public record RateLimits(int requestsPerSecond, int requestsBurst, int numbersPerSecond, int numbersBurst) {
    /** True when at least one bucket is on. */
    public boolean enabled() {
      return requestsPerSecond > 0 || numbersPerSecond > 0;
    }
  }

  /** Where the management web server listens; port 0 picks a free one. */
  public record Management(String host, int port) {
  }

  /** How often the registry is asked whether it answers, and when its last answer is too old for readiness. */
  public record RegistryCheck(Duration interval, Duration staleAfter) {
  }

  /** How often the Kafka cluster is asked whether it answers, and when its last answer is too old for readiness. */
  public record BrokerCheck(Duration interval, Duration staleAfter) {
  }

  /** Log format and per-logger levels. */
  public record Logging(boolean json, Map<String, String> levels) {
    public Logging {
      levels = Map.copyOf(levels);
    }
  }

  /** Where the signing key comes from; production mode requires a key file. */
  public record Signing(boolean production, java.util.Optional<Path> keyFile, java.util.Optional<Path> retiredPublicKeysFile) {
  }

  /** When a signed checkpoint of each audit partition's chain is written. */
  public record AuditTrail(int checkpointEveryRecords, Duration checkpointInterval) {
  }

  public ProcessorConfig {
    kafkaProperties = Map.copyOf(kafkaProperties);
    registryProperties = Map.copyOf(registryProperties);
  }

  /** Values of keys like these are never shown, logged or served. */
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(password|secret|token|jaas|credential|private|api[-_.]?key|sasl\\.login"
          + "|ssl\\.keystore\\.key|user\\.info).*");

  /** The effective settings as key=value, every secret-looking value replaced by {@code [redacted]}: for /info. */
  public Map<String, String> effectiveSettings() {
    final Map<String, String> settings = new TreeMap<>();
    settings.put("kafka.bootstrap.servers", bootstrapServers);
    settings.put("registry.url", registryUrl);
    settings.put("application.id", applicationId);
    settings.put("instance.id", instanceId);
    settings.put("state.dir", stateDir.toString());
    settings.put("topics.requests", topics.requests());
    settings.put("topics.replies", topics.replies());
    settings.put("topics.audit", topics.audit());
    settings.put("topics.dead-letters", topics.deadLetters());
    settings.put("topics.create", Boolean.toString(topicLayout.create()));
    settings.put("topics.partitions", Integer.toString(topicLayout.partitions()));
    settings.put("topics.replication-factor", Short.toString(topicLayout.replicationFactor()));
    settings.put("replies.allowed-topics", allowedReplyTopics.pattern());
    settings.put("limits.max-count", Integer.toString(limits.maxCount()));
    settings.put("limits.max-user-data-chars", Integer.toString(limits.maxUserDataChars()));
    settings.put("limits.max-request-bytes", Integer.toString(limits.maxRequestBytes()));
    settings.put("limits.rate.requests-per-second", Integer.toString(rateLimits.requestsPerSecond()));
    settings.put("limits.rate.requests-burst", Integer.toString(rateLimits.requestsBurst()));
    settings.put("limits.rate.numbers-per-second", Integer.toString(rateLimits.numbersPerSecond()));
    settings.put("limits.rate.numbers-burst", Integer.toString(rateLimits.numbersBurst()));
    settings.put("shutdown.timeout-ms", Long.toString(shutdownTimeout.toMillis()));
    settings.put("management.host", management.host());
    settings.put("management.port", Integer.toString(management.port()));
    settings.put("log.format", logging.json() ? "json" : "text");
    settings.put("mode", signing.production() ? "production" : "development");
    settings.put("signing.key-file", signing.keyFile().map(Path::toString).orElse(""));
    settings.put("audit.checkpoint-every-records", Integer.toString(auditTrail.checkpointEveryRecords()));
    settings.put("audit.checkpoint-interval-ms", Long.toString(auditTrail.checkpointInterval().toMillis()));
    settings.put("idempotency.window-ms", Long.toString(idempotencyWindow.toMillis()));
    kafkaProperties.forEach((key, value) -> settings.put("kafka." + key, value));
    settings.putAll(registryProperties);
    settings.replaceAll((key, value) -> SECRET_KEY.matcher(key).matches() ? "[redacted]" : value);
    return settings;
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
    final Limits limits = new Limits(in.intAtLeast("limits.max-count", 1), in.intAtLeast("limits.max-user-data-chars", 0),
        in.intAtLeast("limits.max-request-bytes", MIN_REQUEST_BYTES));
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
        limits,
        rateLimits(in, limits),
        Duration.ofMillis(in.intAtLeast("shutdown.timeout-ms", 0)),
        new Management(in.required("management.host"), in.intAtLeast("management.port", 0)),
        new RegistryCheck(Duration.ofMillis(in.intAtLeast("registry.check-interval-ms", 100)),
            Duration.ofMillis(in.intAtLeast("registry.stale-after-ms", 100))),
        new BrokerCheck(Duration.ofMillis(in.intAtLeast("broker.check-interval-ms", 100)),
            Duration.ofMillis(in.intAtLeast("broker.stale-after-ms", 100))),
        new Logging(in.parse("log.format", ProcessorConfig::jsonOrText), in.parseOptional("log.levels", ProcessorConfig::levels, Map.of())),
        signing(in),
        new AuditTrail(in.intAtLeast("audit.checkpoint-every-records", 1),
            Duration.ofMillis(in.intAtLeast("audit.checkpoint-interval-ms", 100))),
        Duration.ofMillis(in.parse("idempotency.window-ms", Long::parseLong)),
        kafka,
        in.keysStartingWith("apicurio."));
  }

  /** Below this, a valid request with a long userData and routing headers might not fit. */
  private static final int MIN_REQUEST_BYTES = 1024;

  private static RateLimits rateLimits(final Reader in, final Limits limits) {
    final RateLimits rate = new RateLimits(
        in.intAtLeast("limits.rate.requests-per-second", 0), in.intAtLeast("limits.rate.requests-burst", 1),
        in.intAtLeast("limits.rate.numbers-per-second", 0), in.intAtLeast("limits.rate.numbers-burst", 1));
    // A bucket smaller than the largest allowed request would reject that request forever, with no useful retry time.
    if (rate.numbersPerSecond() > 0 && rate.numbersBurst() < limits.maxCount()) {
      throw in.invalid("limits.rate.numbers-burst", "it must be at least limits.max-count (" + limits.maxCount()
          + ") so that the largest allowed request fits the bucket");
    }
    return rate;
  }

  private static String httpUrl(final String value) {
    final URI uri = URI.create(value);
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("not an http(s) URL");
    }
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }

  private static Signing signing(final Reader in) {
    final boolean production = in.parse("mode", value -> switch (value) {
      case "production" -> true;
      case "development" -> false;
      default -> throw new IllegalArgumentException("expected production or development");
    });
    final java.util.Optional<Path> keyFile = in.optional("signing.key-file").map(Path::of);
    if (production && keyFile.isEmpty()) {
      throw new ConfigException("mode=production needs a signing key: set " + ConfigSource.environmentVariable("signing.key-file")
          + " to a PKCS#8 PEM Ed25519 private key (see docs/verification.md).");
    }
    return new Signing(production, keyFile, in.optional("signing.retired-public-keys-file").map(Path::of));
  }

  private static boolean jsonOrText(final String value) {
    return switch (value) {
      case "json" -> true;
      case "text" -> false;
      default -> throw new IllegalArgumentException("expected json or text");
    };
  }

  private static Map<String, String> levels(final String value) {
    final Map<String, String> levels = new TreeMap<>();
    for (final String entry : value.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      final String[] parts = entry.split("=", 2);
      if (parts.length != 2 || !parts[1].trim().matches("(?i)TRACE|DEBUG|INFO|WARN|ERROR|OFF")) {
        throw new IllegalArgumentException("expected logger=LEVEL pairs separated by commas, e.g. io.rngstream=DEBUG");
      }
      levels.put(parts[0].trim(), parts[1].trim().toUpperCase(java.util.Locale.ROOT));
    }
    return levels;
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

    <T> T parseOptional(final String key, final Function<String, T> parser, final T absent) {
      return optional(key).isEmpty() ? absent : parse(key, parser);
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
