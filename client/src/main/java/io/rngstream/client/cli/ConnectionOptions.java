package io.rngstream.client.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/**
 * The options that say where the stack is ({@code --bootstrap-servers}, {@code --registry-url}) and how to reach it
 * ({@code --client-config}), for any command as a picocli {@code @Mixin}. Each falls back to its environment
 * variable, then to the file that {@code ./rng up} and {@code ./rng demo} write in the project folder, so that
 * commands just work against a local stack.
 */
public final class ConnectionOptions {
  /** Environment variable with the Kafka bootstrap servers. */
  public static final String BOOTSTRAP_ENV = "RNG_BOOTSTRAP_SERVERS";
  /** Environment variable with the registry's v3 URL. */
  public static final String REGISTRY_ENV = "RNG_REGISTRY_URL";
  /** The project folder, set by {@code ./rng}; the local stack file lives there. */
  public static final String HOME_ENV = "RNG_HOME";
  /** Environment variable naming the client config file, when {@code --client-config} is not given. */
  public static final String CLIENT_CONFIG_ENV = "RNG_CLIENT_CONFIG";
  private static final String REGISTRY_URL_KEY = "apicurio.registry.url";
  private static final String BOOTSTRAP_KEY = "bootstrap.servers";
  /**
   * The local stack's endpoints (keys bootstrap.servers and registry.url), relative to {@value #HOME_ENV} when set,
   * else to the current directory: where {@code ./rng up} writes it.
   */
  public static final Path LOCAL_STACK_FILE = Path.of(".rng", "local-stack.properties");

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers. Default: $" + BOOTSTRAP_ENV + ", else .rng/local-stack.properties.")
  private String bootstrapServers;

  @Option(names = "--registry-url", paramLabel = "URL",
      description = "Apicurio Registry v3 URL (http://host:port/apis/registry/v3). Default: $" + REGISTRY_ENV
          + ", else .rng/local-stack.properties.")
  private String registryUrl;

  @Option(names = "--client-config", paramLabel = "FILE",
      description = "Kafka client properties (security.protocol, sasl.*, ssl.*, ...) for every Kafka client the "
          + "command opens; apicurio.* keys go to the registry serdes. Default: $" + CLIENT_CONFIG_ENV + ".")
  private Path clientConfig;

  /** The endpoints from the options, the process environment or the local stack file, in that order. */
  public Endpoints resolve() {
    return resolve(CliEnvironment.system());
  }

  /** The endpoints from the options, {@code environment}'s variables or its local stack file, in that order. */
  public Endpoints resolve(final CliEnvironment environment) {
    final Map<String, String> kafka = new TreeMap<>();
    final Map<String, String> registrySerdes = new TreeMap<>();
    final Path configFile = clientConfig != null ? clientConfig
        : environment.variable(CLIENT_CONFIG_ENV) == null ? null : Path.of(environment.variable(CLIENT_CONFIG_ENV));
    if (configFile != null) {
      final Path file = configFile.isAbsolute() ? configFile : environment.workingDirectory().resolve(configFile);
      read(file).forEach((key, value) -> (key.toString().startsWith("apicurio.") ? registrySerdes : kafka)
          .put(key.toString(), value.toString().trim()));
    }
    // A Kafka client.properties often names the cluster too; flags and variables still win over it.
    final String bootstrapFromFile = kafka.remove(BOOTSTRAP_KEY);
    final String registryFromFile = registrySerdes.remove(REGISTRY_URL_KEY);
    final Endpoints endpoints = endpoints(environment, bootstrapFromFile, registryFromFile, configFile);
    return new Endpoints(endpoints.bootstrapServers(), endpoints.registryUrl(), endpoints.origin(), kafka,
        registrySerdes);
  }

  private Endpoints endpoints(final CliEnvironment environment, final String bootstrapFromFile,
      final String registryFromFile, final Path configFile) {
    final String bootstrapFromEnv = environment.variable(BOOTSTRAP_ENV);
    final String registryFromEnv = environment.variable(REGISTRY_ENV);
    String bootstrap = firstOf(firstOf(bootstrapServers, bootstrapFromEnv), bootstrapFromFile);
    String registry = firstOf(firstOf(registryUrl, registryFromEnv), registryFromFile);
    String origin = bootstrapServers != null || registryUrl != null ? "the command line"
        : bootstrapFromEnv != null || registryFromEnv != null || configFile == null ? "the environment"
        : configFile.toString();
    if (bootstrap == null || registry == null) {
      final String home = environment.variable(HOME_ENV);
      final Path file = (home == null ? environment.workingDirectory() : Path.of(home)).resolve(LOCAL_STACK_FILE);
      if (!Files.isRegularFile(file)) {
        throw new CliFailure("Where is the stack? Pass --bootstrap-servers and --registry-url, set " + BOOTSTRAP_ENV
            + " and " + REGISTRY_ENV + ", or start a local one here with ./rng up (it writes " + LOCAL_STACK_FILE + ").");
      }
      final Properties local = read(file);
      bootstrap = bootstrap != null ? bootstrap : fromFile(local, "bootstrap.servers", file);
      registry = registry != null ? registry : fromFile(local, "registry.url", file);
      origin = LOCAL_STACK_FILE + " (written by ./rng up; is that stack still running?)";
    }
    return new Endpoints(bootstrap, registry, origin);
  }

  private static String firstOf(final String option, final String variable) {
    return option != null && !option.isBlank() ? option.trim() : variable;
  }

  private static Properties read(final Path file) {
    final Properties properties = new Properties();
    if (!Files.isRegularFile(file)) {
      throw new CliFailure("Cannot read " + file + ": no such file");
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new CliFailure("Cannot read " + file + ": " + e.getMessage());
    }
    return properties;
  }

  private static String fromFile(final Properties properties, final String key, final Path file) {
    final String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new CliFailure(file + " has no " + key + "; run ./rng up again, or pass the option.");
    }
    return value.trim();
  }
}
