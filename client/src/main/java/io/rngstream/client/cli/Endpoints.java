package io.rngstream.client.cli;

import java.util.HashMap;
import java.util.Map;

/**
 * Where the stack answers, where that came from (for error messages that tell a person what to fix), and the
 * extra settings of {@code --client-config}: Kafka client properties (security above all) and {@code apicurio.*}
 * registry serde properties.
 */
public record Endpoints(String bootstrapServers, String registryUrl, String origin, Map<String, String> kafkaProperties,
    Map<String, String> registryProperties) {

  public Endpoints {
    kafkaProperties = Map.copyOf(kafkaProperties);
    registryProperties = Map.copyOf(registryProperties);
  }

  /** Endpoints without extra client settings. */
  public Endpoints(final String bootstrapServers, final String registryUrl, final String origin) {
    this(bootstrapServers, registryUrl, origin, Map.of(), Map.of());
  }

  /**
   * Kafka client settings for a tool's own consumer or producer: the {@code --client-config} properties, then the
   * bootstrap servers, then {@code owned}, the settings the tool depends on and that a file must not change.
   */
  public Map<String, Object> kafkaConfig(final Map<String, Object> owned) {
    final Map<String, Object> config = new HashMap<>(kafkaProperties);
    config.put("bootstrap.servers", bootstrapServers);
    config.putAll(owned);
    return config;
  }

  /** Registry serde settings for a tool's own serde: the {@code --client-config} ones, then {@code owned}. */
  public Map<String, Object> serdeConfig(final Map<String, Object> owned) {
    final Map<String, Object> config = new HashMap<>(registryProperties);
    config.put("apicurio.registry.url", registryUrl);
    config.putAll(owned);
    return config;
  }
}
