package io.rngstream.client.audit;

import io.rngstream.core.signing.Ed25519Keys;
import io.rngstream.core.signing.KeyRing;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Loads the public keys a verifier trusts: a PEM file, a saved {@code /keys} document, or the processor's /keys. */
public final class TrustedKeys {
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

  private TrustedKeys() {
  }

  /**
   * The keys in a file: an Ed25519 public key in PEM ({@code -----BEGIN PUBLIC KEY-----}), or a {@code /keys}
   * JSON document saved earlier.
   *
   * @throws IllegalArgumentException when the file cannot be read or holds neither
   */
  public static KeyRing fromFile(final Path file) {
    final String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read key file " + file + ": " + e.getMessage(), e);
    }
    try {
      return text.stripLeading().startsWith("{") ? KeyRing.fromJson(text)
          : KeyRing.of(Ed25519Keys.publicKeyFromPem(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key file " + file + " holds no usable key: " + e.getMessage()
          + (text.contains("PRIVATE KEY") ? " (this is a private key: give its public half, e.g. from "
          + "openssl pkey -in FILE -pubout)" : ""), e);
    }
  }

  /**
   * The keys the processor publishes on its management port, e.g. {@code http://host:8081/keys}.
   *
   * @throws IllegalArgumentException when the URL does not answer with a key list
   */
  public static KeyRing fromUrl(final URI url) {
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("keys URL " + url + " is not http(s); expected e.g. http://host:8081/keys");
    }
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL).build()) {
      final HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(HTTP_TIMEOUT)
          .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalArgumentException("keys URL " + url + " answered HTTP " + response.statusCode());
      }
      return KeyRing.fromJson(response.body());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot fetch keys from " + url + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalArgumentException("interrupted while fetching keys from " + url, e);
    }
  }
}
