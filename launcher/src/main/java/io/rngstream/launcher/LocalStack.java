package io.rngstream.launcher;

import io.rngstream.devstack.DevStack;
import io.rngstream.devstack.StackEndpoints;
import io.rngstream.processor.ProcessorApp;
import io.rngstream.processor.config.ConfigSource;
import io.rngstream.processor.config.ProcessorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/** The real broker, the real registry and the processor, all started on this machine for a local run. */
final class LocalStack implements AutoCloseable {
  private static final Duration PROCESSOR_START_TIMEOUT = Duration.ofSeconds(90);

  private final DevStack devStack;
  private final ProcessorApp processor;
  private final LocalStackFile file;

  private LocalStack(final DevStack devStack, final ProcessorApp processor, final LocalStackFile file) {
    this.devStack = devStack;
    this.processor = processor;
    this.file = file;
  }

  /** Starts everything and waits until the processor is RUNNING. */
  static LocalStack start() throws InterruptedException {
    LocalSigningKey.inProjectFolder().createIfMissing();
    final DevStack devStack = DevStack.start();
    ProcessorApp processor = null;
    try {
      final StackEndpoints endpoints = devStack.endpoints();
      processor = ProcessorApp.start(ProcessorConfig.from(ConfigSource.load(System.getenv(), Map.of(
          "kafka.bootstrap.servers", endpoints.bootstrapServers(),
          "registry.url", endpoints.registryUrl(),
          "instance.id", "local-processor",
          "state.dir", devStack.workDir().resolve("streams-state").toString(),
          "management.host", "127.0.0.1",
          "management.port", "0",
          "log.format", "text",
          "signing.key-file", LocalSigningKey.inProjectFolder().path().toString()))));
      awaitRunning(processor);
      final LocalStackFile file = LocalStackFile.inProjectFolder();
      file.write(endpoints, processor.managementPort());
      return new LocalStack(devStack, processor, file);
    } catch (RuntimeException | InterruptedException e) {
      if (processor != null) {
        processor.close();
      }
      devStack.close();
      throw e;
    }
  }

  private static void awaitRunning(final ProcessorApp processor) throws InterruptedException {
    final Instant deadline = Instant.now().plus(PROCESSOR_START_TIMEOUT);
    while (processor.state() != KafkaStreams.State.RUNNING) {
      if (Instant.now().isAfter(deadline) || processor.failed()) {
        throw new IllegalStateException("the processor did not reach RUNNING within " + PROCESSOR_START_TIMEOUT.toSeconds()
            + " s (state " + processor.state() + "); run with RNG_LOG_LEVEL=INFO to see why");
      }
      // Polling a local state for a human-facing command; tests use Awaitility for this.
      processor.awaitStop(Duration.ofMillis(100));
    }
  }

  StackEndpoints endpoints() {
    return devStack.endpoints();
  }

  ProcessorApp processor() {
    return processor;
  }

  LocalStackFile file() {
    return file;
  }

  @Override
  public void close() {
    file.delete();
    processor.close();
    devStack.close();
  }
}
