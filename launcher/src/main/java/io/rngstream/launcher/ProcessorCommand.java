package io.rngstream.launcher;

import io.rngstream.processor.Main;
import io.rngstream.processor.config.ConfigException;
import io.rngstream.processor.config.ProcessorConfig;
import io.rngstream.processor.observe.LogSetup;
import io.rngstream.processor.observe.Telemetry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./rng processor}: the processor alone, configured by RNG_* environment variables, as in production. */
@Command(name = "processor", mixinStandardHelpOptions = true,
    description = {"Run the processor against an existing cluster and registry.",
        "Configured by environment variables (RNG_KAFKA_BOOTSTRAP_SERVERS, RNG_REGISTRY_URL, …; see docs/configuration.md)."})
final class ProcessorCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    final ProcessorConfig config;
    try {
      config = ProcessorConfig.fromEnvironment();
    } catch (ConfigException e) {
      System.err.println("rng processor: " + e.getMessage());
      return 2;
    }
    LogSetup.apply(config.logging());
    return Main.run(config, Telemetry.fromEnvironment(System.getenv()));
  }
}
