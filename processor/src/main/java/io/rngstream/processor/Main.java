package io.rngstream.processor;

import io.rngstream.processor.config.ConfigException;
import io.rngstream.processor.config.ProcessorConfig;
import io.rngstream.processor.observe.LogSetup;
import io.rngstream.processor.observe.Telemetry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the processor until SIGTERM (clean close within the shutdown timeout) or a fatal error (exit status 1). */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  /** Entry point; configuration comes from the environment (docs/configuration.md). */
  public static void main(final String[] args) throws InterruptedException {
    final ProcessorConfig config;
    try {
      config = ProcessorConfig.fromEnvironment();
    } catch (ConfigException e) {
      System.err.println("rng-processor cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    LogSetup.apply(config.logging());
    System.exit(run(config, Telemetry.fromEnvironment(System.getenv())));
  }

  /** Runs until the JVM is asked to stop or the streams fail; returns the exit status. */
  public static int run(final ProcessorConfig config, final Telemetry telemetry) throws InterruptedException {
    final ProcessorApp app;
    try {
      app = ProcessorApp.start(config, telemetry);
    } catch (RuntimeException e) {
      LOG.error("rng-processor cannot start: {}", e.getMessage(), e);
      return 1;
    }
    final Thread closer = new Thread(app::close, "rng-shutdown");
    Runtime.getRuntime().addShutdownHook(closer);
    app.awaitStop(Duration.ofDays(365_000));
    if (app.failed()) {
      LOG.error("rng-processor stopped after a fatal error");
      app.close();
      return 1;
    }
    return 0;
  }
}
