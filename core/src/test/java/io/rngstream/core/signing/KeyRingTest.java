package io.rngstream.core.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class KeyRingTest {

    private static final SigningKey RFC_KEY = Ed25519Keys.fromSeed(
            HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

    @Test
    void findsKeysById() {
        final SigningKey other = Ed25519Keys.generate();
        final KeyRing ring = KeyRing.of(RFC_KEY.publicKey(), other.publicKey());

        assertThat(ring.find("21fe31dfa154a261")).contains(RFC_KEY.publicKey());
        assertThat(ring.find(other.keyId())).contains(other.publicKey());
        assertThat(ring.find("0000000000000000")).isEmpty();
        assertThat(ring.find(null)).isEmpty();
        assertThat(ring.status(other.keyId())).contains(KeyRing.Status.ACTIVE);
    }

    @Test
    void verifiesOnlyWithTheNamedKey() {
        final SigningKey other = Ed25519Keys.generate();
        final KeyRing ring = KeyRing.of(RFC_KEY.publicKey(), other.publicKey());
        final byte[] message = "draw".getBytes(StandardCharsets.UTF_8);
        final byte[] signature = RFC_KEY.sign(message);

        assertThat(ring.verify(RFC_KEY.keyId(), message, signature)).isTrue();
        assertThat(ring.verify(other.keyId(), message, signature)).isFalse();
        assertThat(ring.verify("0000000000000000", message, signature)).isFalse();
    }

    @Test
    void verifiesFromManyThreadsAtOnce() throws Exception {
        // The ring shares one decoded point per key between threads: verifying must not modify it.
        final KeyRing ring = KeyRing.of(RFC_KEY.publicKey());
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            final List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        final byte[] message = ("thread " + thread + " " + i).getBytes(StandardCharsets.UTF_8);
                        final byte[] signature = RFC_KEY.sign(message);
                        if (!ring.verify(RFC_KEY.keyId(), message, signature)) {
                            return false;
                        }
                        signature[0] ^= 1;
                        if (ring.verify(RFC_KEY.keyId(), message, signature)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (final Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void writesTheKeysEndpointForm() {
        final KeyRing ring = KeyRing.of(RFC_KEY.publicKey());

        assertThat(ring.toJson()).isEqualTo("{\"keys\":[{\"keyId\":\"21fe31dfa154a261\",\"algorithm\":\"Ed25519\","
                + "\"publicKey\":\"-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\\n"
                + "-----END PUBLIC KEY-----\\n\",\"status\":\"active\"}]}");
    }

    @Test
    void roundTripsActiveAndRetiredKeysThroughJson() {
        final SigningKey retired = Ed25519Keys.generate();
        final KeyRing ring = KeyRing.of(List.of(new KeyRing.Entry(RFC_KEY.publicKey(), KeyRing.Status.ACTIVE),
                new KeyRing.Entry(retired.publicKey(), KeyRing.Status.RETIRED)));

        final KeyRing reread = KeyRing.fromJson(ring.toJson());

        assertThat(reread.entries()).isEqualTo(ring.entries());
        assertThat(reread.status(retired.keyId())).contains(KeyRing.Status.RETIRED);
    }

    @Test
    void readsPrettyPrintedJsonWithMembersItDoesNotKnow() {
        final String json = """
                {
                  "service": "rng-stream",
                  "keys": [
                    {
                      "keyId": "21fe31dfa154a261",
                      "algorithm": "Ed25519",
                      "publicKey": "-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\\n-----END PUBLIC KEY-----\\n",
                      "status": "retired",
                      "since": "2025-01-01T00:00:00Z"
                    }
                  ]
                }
                """;

        assertThat(KeyRing.fromJson(json).status("21fe31dfa154a261")).contains(KeyRing.Status.RETIRED);
    }

    @Test
    void rejectsAKeyIdThatDoesNotMatchItsKey() {
        final String json = KeyRing.of(RFC_KEY.publicKey()).toJson().replace("21fe31dfa154a261", "21fe31dfa154a262");

        assertThatIllegalArgumentException().isThrownBy(() -> KeyRing.fromJson(json))
                .withMessageContaining("says keyId 21fe31dfa154a262 but its public key has keyId 21fe31dfa154a261");
    }

    @Test
    void rejectsAnotherAlgorithmAndAnUnknownStatus() {
        final String json = KeyRing.of(RFC_KEY.publicKey()).toJson();

        assertThatIllegalArgumentException().isThrownBy(() -> KeyRing.fromJson(json.replace("Ed25519", "RSA")))
                .withMessageContaining("algorithm RSA");
        assertThatIllegalArgumentException().isThrownBy(() -> KeyRing.fromJson(json.replace("active", "revoked")))
                .withMessageContaining("status revoked");
        assertThatIllegalArgumentException().isThrownBy(() -> KeyRing.fromJson("{\"keys\":{}}"))
                .withMessageContaining("\"keys\" array");
    }

    @Test
    void rejectsAKeyListedTwice() {
        assertThatIllegalArgumentException().isThrownBy(() -> KeyRing.of(RFC_KEY.publicKey(), RFC_KEY.publicKey()))
                .withMessageContaining("listed twice");
    }

    @Test
    void rejectsBytesThatAreNotAPoint() {
        // The neutral element (y = 1): a small-order point, which anyone can "sign" for.
        final byte[] neutral = new byte[32];
        neutral[0] = 1;
        // y = 2^255 - 19 + 1: not a canonical encoding.
        final byte[] nonCanonical = HexFormat.of().parseHex(
                "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");

        assertThatIllegalArgumentException().isThrownBy(() -> KeyRing.of(new PublicKey(neutral)))
                .withMessageContaining("not a valid Ed25519 public key");
        assertThatIllegalArgumentException().isThrownBy(() -> KeyRing.of(new PublicKey(nonCanonical)))
                .withMessageContaining("not a valid Ed25519 public key");
    }
}
