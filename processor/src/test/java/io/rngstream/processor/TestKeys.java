package io.rngstream.processor;

import io.rngstream.core.signing.Ed25519Keys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test files under target/: a signing key made once per test JVM, and fresh state directories. */
public final class TestKeys {
  private static Path keyFile;

  private TestKeys() {
  }

  /**
   * A state directory no other run used: a Kafka Streams state left by an earlier run against another broker
   * looks corrupted to the next one, and two JVMs must never share one.
   */
  public static Path freshStateDir(final String name) {
    return Path.of("target", "state", name + "-" + java.util.UUID.randomUUID()).toAbsolutePath();
  }

  /** The PKCS#8 PEM file of a key generated for this test run. */
  public static synchronized Path keyFile() {
    if (keyFile == null) {
      try {
        final Path file = Path.of("target", "test-signing-key.pem").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, Ed25519Keys.generate().toPkcs8Pem());
        keyFile = file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return keyFile;
  }
}
