package io.rngstream.bench;

import io.rngstream.processor.ProcessorApp;
import io.rngstream.processor.config.ConfigSource;
import io.rngstream.processor.config.ProcessorConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/** The real processor, started in this JVM on its own topics and application id, with one processing guarantee. */
final class ProcessorTarget implements Target {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final String name;
  private final String guarantee;
  private final BenchTopics topics;
  private final ProcessorApp processor;

  private ProcessorTarget(final String name, final String guarantee, final BenchTopics topics, final ProcessorApp processor) {
    this.name = name;
    this.guarantee = guarantee;
    this.topics = topics;
    this.processor = processor;
  }

  /** Starts the processor with its defaults except topics, ids, ports and the bench's Streams overrides. */
  static ProcessorTarget start(final BenchEnvironment env, final String name, final String guarantee)
      throws InterruptedException {
    final BenchTopics topics = BenchTopics.forTarget(env.runId(), name);
    final Map<String, String> settings = new HashMap<>();
    env.endpoints().kafkaProperties().forEach((key, value) -> settings.put("kafka." + key, value));
    env.endpoints().registryProperties().forEach(settings::put);
    env.streamsOverrides().forEach((key, value) -> settings.put("kafka." + key, value));
    settings.put("kafka.bootstrap.servers", env.endpoints().bootstrapServers());
    settings.put("kafka.processing.guarantee", guarantee);
    settings.put("registry.url", env.endpoints().registryUrl());
    settings.put("application.id", "rng-bench-" + name + "-" + env.runId());
    settings.put("instance.id", "bench");
    settings.put("state.dir", env.stateDir(name).toString());
    settings.put("topics.requests", topics.requests());
    settings.put("topics.replies", topics.replies());
    settings.put("topics.audit", topics.audit());
    settings.put("topics.dead-letters", topics.deadLetters());
    settings.put("topics.partitions", Integer.toString(env.partitions()));
    settings.put("topics.replication-factor", Short.toString(env.replicationFactor()));
    settings.put("management.host", "127.0.0.1");
    settings.put("management.port", "0");
    settings.put("log.format", "text");
    // An empty environment: the figures must not depend on RNG_* variables of the shell the bench runs in.
    final ProcessorApp processor = ProcessorApp.start(ProcessorConfig.from(ConfigSource.load(Map.of(), settings)));
    try {
      final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (processor.state() != KafkaStreams.State.RUNNING) {
        if (System.nanoTime() > deadline || processor.failed()) {
          throw new IllegalStateException("the processor did not reach RUNNING within " + START_TIMEOUT.toSeconds()
              + " s (state " + processor.state() + ")");
        }
        // Waits on the processor's stop latch: returns early only if it stops.
        processor.awaitStop(Duration.ofMillis(100));
      }
    } catch (RuntimeException | InterruptedException e) {
      processor.close();
      throw e;
    }
    return new ProcessorTarget(name, guarantee, topics, processor);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return "rng-stream processor (validate, draw, sign, chain, idempotency store), " + guarantee;
  }

  @Override
  public String requestTopic() {
    return topics.requests();
  }

  @Override
  public String replyTopic() {
    return topics.replies();
  }

  @Override
  public void close() {
    processor.close();
  }
}
