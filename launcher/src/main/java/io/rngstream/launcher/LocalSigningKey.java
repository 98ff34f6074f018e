package io.rngstream.launcher;

import io.rngstream.client.cli.ConnectionOptions;
import io.rngstream.core.signing.Ed25519Keys;
import io.rngstream.core.signing.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code .rng/signing-key.pem} in the project folder: the Ed25519 key the local processor signs with, made on
 * first use and kept, so draws signed in one local run still verify in the next.
 */
final class LocalSigningKey {
  private final Path file;

  private LocalSigningKey(final Path file) {
    this.file = file;
  }

  static LocalSigningKey inProjectFolder() {
    final String home = System.getenv(ConnectionOptions.HOME_ENV);
    return new LocalSigningKey(Path.of(home == null || home.isBlank() ? "." : home, ".rng", "signing-key.pem")
        .toAbsolutePath().normalize());
  }

  Path path() {
    return file;
  }

  /** Makes a key readable by its owner only, unless one is there already. */
  void createIfMissing() {
    if (Files.exists(file)) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      final SigningKey key = Ed25519Keys.generate();
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, key.toPkcs8Pem());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the local signing key " + file, e);
    }
  }
}
