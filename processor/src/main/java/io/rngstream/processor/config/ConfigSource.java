package io.rngstream.processor.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Raw settings in layers: the defaults in the jar, then an optional file ({@code RNG_CONFIG_FILE}), then
 * environment variables, then explicit overrides. Later layers win.
 */
public final class ConfigSource {
  /** Environment variable naming an optional properties file. */
  public static final String CONFIG_FILE_ENV = "RNG_CONFIG_FILE";
  private static final String ENV_PREFIX = "RNG_";
  private static final String DEFAULTS = "/io/rngstream/processor/defaults.properties";

  private final Map<String, String> values;

  private ConfigSource(final Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Settings from the defaults, {@code RNG_CONFIG_FILE}, the process environment and the given overrides. */
  public static ConfigSource load(final Map<String, String> environment, final Map<String, String> overrides) {
    final Map<String, String> merged = new TreeMap<>(defaults());
    final String file = environment.get(CONFIG_FILE_ENV);
    if (file != null && !file.isBlank()) {
      merged.putAll(readFile(Path.of(file)));
    }
    merged.putAll(fromEnvironment(environment, merged.keySet()));
    merged.putAll(overrides);
    return new ConfigSource(merged);
  }

  /** The environment variable that sets a key: {@code topics.dead-letters} is {@code RNG_TOPICS_DEAD_LETTERS}. */
  public static String environmentVariable(final String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  Map<String, String> values() {
    return values;
  }

  private static Map<String, String> fromEnvironment(final Map<String, String> environment, final Iterable<String> knownKeys) {
    final Map<String, String> byVariable = new HashMap<>();
    for (final String key : knownKeys) {
      byVariable.put(environmentVariable(key), key);
    }
    final Map<String, String> result = new HashMap<>();
    environment.forEach((variable, value) -> {
      final String known = byVariable.get(variable);
      if (known != null) {
        result.put(known, value);
      } else if (variable.startsWith(ENV_PREFIX + "KAFKA_") || variable.startsWith(ENV_PREFIX + "APICURIO_")) {
        // Pass-through keys are not known in advance: Kafka's and Apicurio's own names use dots.
        result.put(variable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    return result;
  }

  private static Map<String, String> defaults() {
    try (InputStream in = ConfigSource.class.getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException("the processor jar lacks " + DEFAULTS);
      }
      return toMap(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> readFile(final Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return toMap(in);
    } catch (IOException e) {
      throw new ConfigException(CONFIG_FILE_ENV + " names " + file + ", which cannot be read: " + e.getMessage());
    }
  }

  private static Map<String, String> toMap(final InputStream in) throws IOException {
    final Properties properties = new Properties();
    properties.load(in);
    final Map<String, String> map = new HashMap<>();
    properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name).trim()));
    return map;
  }
}
