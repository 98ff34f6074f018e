package io.rngstream.launcher;

import io.rngstream.bench.BenchCommand;
import io.rngstream.client.cli.AuditCommand;
import io.rngstream.client.cli.DrawCommand;
import io.rngstream.client.cli.VerifyReplyCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rng} command: entry point of {@code ./rng}. */
@Command(name = "rng", mixinStandardHelpOptions = true, version = "rng-stream 0.1.0",
    description = "Randomness as a service on Apache Kafka: verifiable draws with an exactly-once audit trail.",
    subcommands = {DemoCommand.class, UpCommand.class, DrawCommand.class, AuditCommand.class,
        VerifyReplyCommand.class, ProcessorCommand.class, BenchCommand.class})
public final class Rng implements Runnable {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(final String[] args) {
    // Helidon and OpenTelemetry log through java.util.logging; send it to the same place as everything else.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    System.exit(new CommandLine(new Rng()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
