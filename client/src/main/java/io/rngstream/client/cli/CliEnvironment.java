package io.rngstream.client.cli;

import java.nio.file.Path;
import java.util.Map;

/** What a command reads from its process besides its arguments: environment variables and the working directory. */
public record CliEnvironment(Map<String, String> variables, Path workingDirectory) {

  public CliEnvironment {
    variables = Map.copyOf(variables);
  }

  /** This process's environment and current directory. */
  public static CliEnvironment system() {
    return new CliEnvironment(System.getenv(), Path.of("").toAbsolutePath());
  }

  /** The value of a variable, or null when it is unset or blank. */
  String variable(final String name) {
    final String value = variables.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
