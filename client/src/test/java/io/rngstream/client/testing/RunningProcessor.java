package io.rngstream.client.testing;

import static org.awaitility.Awaitility.await;

import io.rngstream.devstack.StackEndpoints;
import io.rngstream.processor.ProcessorApp;
import io.rngstream.processor.config.ConfigSource;
import io.rngstream.processor.config.ProcessorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;

/** The real processor, started once per test JVM against the devstack, with state under target/. */
public final class RunningProcessor implements AutoCloseable {
  private final ProcessorApp app;

  private RunningProcessor(final ProcessorApp app) {
    this.app = app;
  }

  static RunningProcessor start(final StackEndpoints stack) {
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final ProcessorConfig config = ProcessorConfig.from(ConfigSource.load(Map.of(), Map.of(
        "kafka.bootstrap.servers", stack.bootstrapServers(),
        "registry.url", stack.registryUrl(),
        "application.id", "rng-client-it-" + run,
        "state.dir", Path.of("target", "processor-state-" + run).toAbsolutePath().toString(),
        "shutdown.timeout-ms", "5000",
        // Loopback only in tests, and a free port so test JVMs never collide on 8081.
        "management.host", "127.0.0.1",
        "management.port", "0",
        // Checkpoints every second, so tests see their draws covered without waiting the default 10 s.
        "audit.checkpoint-interval-ms", "1000")));
    final ProcessorApp app = ProcessorApp.start(config);
    // Topics exist once start() returns; answers flow once the stream task is assigned and RUNNING.
    await("processor running").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
        .until(() -> app.state() == KafkaStreams.State.RUNNING || app.failed());
    if (app.failed()) {
      app.close();
      throw new IllegalStateException("the processor failed to start; see the test log");
    }
    return new RunningProcessor(app);
  }

  /** Where the processor lists its public keys (development mode: an ephemeral key made at start). */
  public String keysUrl() {
    return "http://127.0.0.1:" + app.managementPort() + "/keys";
  }

  @Override
  public void close() {
    app.close();
  }
}
