package io.rngstream.reliability;

import io.rngstream.core.signing.Ed25519Keys;
import io.rngstream.core.signing.KeyRing;
import io.rngstream.core.signing.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A signing key generated for one scenario and written where the processor reads it, so that every start of the
 * processor signs with the same key and the verifier trusts exactly that key.
 */
record SigningKeyFile(Path file, KeyRing keys) {

  static SigningKeyFile generate(final Path dir) {
    final SigningKey key = Ed25519Keys.generate();
    try {
      Files.createDirectories(dir);
      final Path file = dir.resolve("signing-key.pem");
      Files.writeString(file, key.toPkcs8Pem());
      return new SigningKeyFile(file.toAbsolutePath(), KeyRing.of(key.publicKey()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
