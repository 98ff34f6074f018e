package io.rngstream.client.cli;

import io.rngstream.client.audit.TrustedKeys;
import io.rngstream.core.signing.KeyRing;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The options that say which public keys to trust ({@code --key FILE} or {@code --keys-url URL}), as a picocli
 * {@code @Mixin}. Without either: {@value #KEYS_URL_ENV}, then {@code keys.url} in the local stack file.
 */
public final class KeyOptions {
  /** Environment variable with the processor's /keys URL. */
  public static final String KEYS_URL_ENV = "RNG_KEYS_URL";

  @Option(names = "--key", paramLabel = "FILE",
      description = "Trust this Ed25519 public key (PEM, -----BEGIN PUBLIC KEY-----), or the keys of a saved /keys "
          + "document.")
  private Path keyFile;

  @Option(names = "--keys-url", paramLabel = "URL",
      description = "Trust the keys the processor lists on its management port, e.g. http://host:8081/keys. "
          + "Default: $" + KEYS_URL_ENV + ", else keys.url of .rng/local-stack.properties.")
  private String keysUrl;

  /** The trusted keys, from the first of: --key, --keys-url, the environment, the local stack file. */
  public KeyRing load(final CliEnvironment environment) {
    if (keyFile != null && keysUrl != null) {
      throw new CliFailure("Give --key or --keys-url, not both.");
    }
    try {
      if (keyFile != null) {
        return TrustedKeys.fromFile(keyFile.isAbsolute() ? keyFile : environment.workingDirectory().resolve(keyFile));
      }
      final String url = keysUrl != null ? keysUrl : fallbackUrl(environment);
      if (url == null) {
        throw new CliFailure("Which keys should signatures verify with? Pass --key FILE (the processor's public key) "
            + "or --keys-url http://HOST:8081/keys, or set " + KEYS_URL_ENV + ".");
      }
      return TrustedKeys.fromUrl(URI.create(url.trim()));
    } catch (IllegalArgumentException e) {
      throw new CliFailure(e.getMessage());
    }
  }

  private static String fallbackUrl(final CliEnvironment environment) {
    final String fromEnv = environment.variable(KEYS_URL_ENV);
    if (fromEnv != null) {
      return fromEnv;
    }
    final String home = environment.variable(ConnectionOptions.HOME_ENV);
    final Path file = (home == null ? environment.workingDirectory() : Path.of(home))
        .resolve(ConnectionOptions.LOCAL_STACK_FILE);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    final Properties local = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      local.load(reader);
    } catch (IOException e) {
      return null;
    }
    final String url = local.getProperty("keys.url");
    return url == null || url.isBlank() ? null : url;
  }
}
