package io.rngstream.processor.audit;

import io.rngstream.core.signing.Ed25519Keys;
import io.rngstream.core.signing.KeyRing;
import io.rngstream.core.signing.PublicKey;
import io.rngstream.core.signing.SigningKey;
import io.rngstream.processor.config.ProcessorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The key that signs, read once at start, and the public keys /keys lists (the active one and retired ones). */
public record SigningKeys(SigningKey active, List<PublicKey> retired) {
  private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
  private static final Pattern PEM_PUBLIC_KEY =
      Pattern.compile("-----BEGIN PUBLIC KEY-----.*?-----END PUBLIC KEY-----", Pattern.DOTALL);

  /** Reads the configured key; in development mode without one, makes an ephemeral key and says so. */
  public static SigningKeys load(final ProcessorConfig.Signing signing) {
    final SigningKey active = signing.keyFile()
        .map(SigningKeys::readPrivateKey)
        .orElseGet(() -> {
          final SigningKey ephemeral = Ed25519Keys.generate();
          LOG.warn("Development mode and no signing key file: signing with an ephemeral key {} that ends with this "
              + "process. Set RNG_SIGNING_KEY_FILE (production mode requires it).", ephemeral.keyId());
          return ephemeral;
        });
    final List<PublicKey> retired = signing.retiredPublicKeysFile().map(SigningKeys::readPublicKeys).orElse(List.of());
    LOG.info("Signing with key {}; {} retired key(s) listed on /keys", active.keyId(), retired.size());
    return new SigningKeys(active, retired);
  }

  /** The /keys document. */
  public String json() {
    final List<KeyRing.Entry> entries = new ArrayList<>();
    entries.add(new KeyRing.Entry(active.publicKey(), KeyRing.Status.ACTIVE));
    retired.forEach(key -> entries.add(new KeyRing.Entry(key, KeyRing.Status.RETIRED)));
    return KeyRing.of(entries).toJson();
  }

  private static SigningKey readPrivateKey(final Path file) {
    try {
      return Ed25519Keys.fromPkcs8Pem(Files.readString(file));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read the signing key from " + file + " (signing.key-file): " + e.getMessage(), e);
    }
  }

  private static List<PublicKey> readPublicKeys(final Path file) {
    try {
      final List<PublicKey> keys = new ArrayList<>();
      final Matcher pem = PEM_PUBLIC_KEY.matcher(Files.readString(file));
      while (pem.find()) {
        keys.add(Ed25519Keys.publicKeyFromPem(pem.group()));
      }
      return keys;
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read retired public keys from " + file
          + " (signing.retired-public-keys-file): " + e.getMessage(), e);
    }
  }
}
