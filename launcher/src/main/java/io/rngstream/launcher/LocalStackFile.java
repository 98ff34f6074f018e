package io.rngstream.launcher;

import io.rngstream.client.cli.ConnectionOptions;
import io.rngstream.devstack.StackEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code .rng/local-stack.properties} in the project folder: where the running local stack is, so that
 * {@code ./rng draw} in another terminal finds it. Written while {@code demo} or {@code up} runs, removed after.
 */
final class LocalStackFile {
  private final Path file;

  private LocalStackFile(final Path file) {
    this.file = file;
  }

  /** The file under {@code RNG_HOME} (set by ./rng to the project folder), else under the working directory. */
  static LocalStackFile inProjectFolder() {
    final String home = System.getenv(ConnectionOptions.HOME_ENV);
    return new LocalStackFile(Path.of(home == null || home.isBlank() ? "." : home).resolve(ConnectionOptions.LOCAL_STACK_FILE));
  }

  Path path() {
    return file.toAbsolutePath().normalize();
  }

  void write(final StackEndpoints endpoints, final int managementPort) {
    final Properties properties = new Properties();
    properties.setProperty("bootstrap.servers", endpoints.bootstrapServers());
    properties.setProperty("registry.url", endpoints.registryUrl());
    // rng audit verify and rng verify-reply find the processor's public keys here.
    properties.setProperty("keys.url", "http://127.0.0.1:" + managementPort + "/keys");
    try {
      Files.createDirectories(file.getParent());
      try (Writer out = Files.newBufferedWriter(file)) {
        properties.store(out, "The local stack started by ./rng; removed when it stops");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Left behind at worst; the next demo or up overwrites it.
    }
  }
}
