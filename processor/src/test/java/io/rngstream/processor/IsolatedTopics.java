package io.rngstream.processor;

import io.rngstream.processor.config.ConfigSource;
import io.rngstream.processor.config.ProcessorConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The four topics of a test of its own ({@code rng.requests.<tag>}, ...), and a processor configuration using them. */
public record IsolatedTopics(String requests, String replies, String audit, String deadLetters) {

  /** Topics named after {@code tag}; the reply topic matches the default allow-list. */
  public static IsolatedTopics named(final String tag) {
    return new IsolatedTopics("rng.requests." + tag, "rng.replies." + tag, "rng.audit." + tag, "rng.requests.dlq." + tag);
  }

  /** A processor on these topics, with a free management port on loopback, plus {@code extra} settings. */
  public ProcessorConfig config(final String bootstrap, final String registryUrl, final String applicationId,
      final Path stateDir, final Map<String, String> extra) {
    final Map<String, String> settings = new HashMap<>();
    settings.put("kafka.bootstrap.servers", bootstrap);
    settings.put("registry.url", registryUrl);
    settings.put("application.id", applicationId);
    settings.put("instance.id", applicationId + "-1");
    settings.put("state.dir", stateDir.toString());
    settings.put("topics.requests", requests);
    settings.put("topics.replies", replies);
    settings.put("topics.audit", audit);
    settings.put("topics.dead-letters", deadLetters);
    settings.put("management.host", "127.0.0.1");
    settings.put("management.port", "0");
    settings.put("log.format", "text");
    settings.putAll(extra);
    return ProcessorConfig.from(ConfigSource.load(Map.of(), settings));
  }
}
