package io.rngstream.processor.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.rngstream.processor.config.ProcessorConfig.Logging;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Replaces whatever logging configuration was found with the processor's: JSON (or text) on stdout, levels per logger. */
public final class LogSetup {
  private LogSetup() {
  }

  /** Applies the format and levels; a no-op when logback is not the SLF4J binding (e.g. embedded elsewhere). */
  public static void apply(final Logging logging) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.reset();
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    final ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
    stdout.setContext(context);
    stdout.setName("stdout");
    stdout.setEncoder(encoder(logging.json(), context));
    stdout.start();
    final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(stdout);
    root.setLevel(Level.INFO);
    // Kafka and the registry client are chatty at INFO; their warnings still show.
    context.getLogger("org.apache.kafka").setLevel(Level.WARN);
    context.getLogger("io.apicurio").setLevel(Level.WARN);
    context.getLogger("io.helidon").setLevel(Level.WARN);
    logging.levels().forEach((logger, level) -> context.getLogger(logger).setLevel(Level.toLevel(level)));
  }

  private static Encoder<ILoggingEvent> encoder(final boolean json, final LoggerContext context) {
    if (json) {
      final JsonLineEncoder encoder = new JsonLineEncoder();
      encoder.setContext(context);
      encoder.start();
      return encoder;
    }
    final PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg %kvp%n");
    encoder.start();
    return encoder;
  }
}
