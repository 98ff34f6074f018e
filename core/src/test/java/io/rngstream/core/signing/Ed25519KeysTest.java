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

class Ed25519KeysTest {

    // RFC 8032 section 7.1, TEST 1.
    private static final String RFC_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String RFC_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String RFC_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    // The same key as OpenSSL 3.0 writes it: `openssl pkey` from the RFC 8410 DER, and `openssl pkey -pubout`.
    private static final String RFC_PRIVATE_PEM = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
            -----END PRIVATE KEY-----
            """;
    private static final String RFC_PUBLIC_PEM = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=
            -----END PUBLIC KEY-----
            """;

    // `openssl genpkey -algorithm ed25519`, and the raw public key OpenSSL derived from it.
    private static final String OPENSSL_GENERATED = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIKKC9ctHB1NTTlO2yH2dKQa+ehSzk2iBG2UG0+Hd59iZ
            -----END PRIVATE KEY-----
            """;
    private static final String OPENSSL_GENERATED_PUBLIC = "da380fde05984153a3611bdc680c3230464a4fa7f36e5054b264b69e2e3c9e6a";

    // `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`: a PKCS#8 key that is not Ed25519.
    private static final String P256_PRIVATE_PEM = """
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgcsEE5JHSaOpc5QZD
            wK5LKLPU98cr4Qenn0MipnN87m+hRANCAAR8hgLBIi58UMPcF4jiYG3DubYq2Rsb
            fhmSUGMuJEKbaIg427KTwCKHmaCA8JJdr39nDwFDo/dOoVI1HCcZG2A7
            -----END PRIVATE KEY-----
            """;


    private static final HexFormat HEX = HexFormat.of();

    @Test
    void signsTheRfc8032TestVector() {
        final SigningKey key = Ed25519Keys.fromSeed(HEX.parseHex(RFC_SECRET));

        assertThat(HEX.formatHex(key.publicKey().raw())).isEqualTo(RFC_PUBLIC);
        assertThat(HEX.formatHex(key.sign(new byte[0]))).isEqualTo(RFC_SIGNATURE);
    }

    @Test
    void verifiesTheRfc8032TestVectorAndRejectsAnyChange() {
        final PublicKey key = new PublicKey(HEX.parseHex(RFC_PUBLIC));
        final byte[] signature = HEX.parseHex(RFC_SIGNATURE);

        assertThat(key.verify(new byte[0], signature)).isTrue();
        assertThat(key.verify(new byte[] {0}, signature)).as("another message").isFalse();
        signature[10] ^= 1;
        assertThat(key.verify(new byte[0], signature)).as("a flipped signature bit").isFalse();
        assertThat(key.verify(new byte[0], new byte[63])).as("a short signature").isFalse();
    }

    @Test
    void keyIdIsTheHexOfTheFirstEightBytesOfSha256OfTheRawKey() {
        // python3 -c "import hashlib; print(hashlib.sha256(bytes.fromhex(RFC_PUBLIC)).hexdigest()[:16])"
        assertThat(Ed25519Keys.keyId(HEX.parseHex(RFC_PUBLIC))).isEqualTo("21fe31dfa154a261");
        assertThat(Ed25519Keys.keyId(HEX.parseHex(OPENSSL_GENERATED_PUBLIC))).isEqualTo("678183a466017e06");
        assertThat(Ed25519Keys.fromSeed(HEX.parseHex(RFC_SECRET)).keyId()).isEqualTo("21fe31dfa154a261");
    }

    @Test
    void writesPemsExactlyAsOpenSslDoes() {
        final SigningKey key = Ed25519Keys.fromSeed(HEX.parseHex(RFC_SECRET));

        assertThat(key.toPkcs8Pem()).isEqualTo(RFC_PRIVATE_PEM);
        assertThat(key.publicKey().toPem()).isEqualTo(RFC_PUBLIC_PEM);
    }

    @Test
    void readsKeysOpenSslWrote() {
        assertThat(HEX.formatHex(Ed25519Keys.fromPkcs8Pem(OPENSSL_GENERATED).publicKey().raw()))
                .isEqualTo(OPENSSL_GENERATED_PUBLIC);
        assertThat(HEX.formatHex(Ed25519Keys.publicKeyFromPem(RFC_PUBLIC_PEM).raw())).isEqualTo(RFC_PUBLIC);
    }

    @Test
    void generatedKeyRoundTripsThroughPem() {
        final SigningKey key = Ed25519Keys.generate();
        final byte[] message = "round trip".getBytes(StandardCharsets.UTF_8);

        final SigningKey reread = Ed25519Keys.fromPkcs8Pem(key.toPkcs8Pem());
        final PublicKey rereadPublic = Ed25519Keys.publicKeyFromPem(key.publicKey().toPem());

        assertThat(reread.publicKey()).isEqualTo(key.publicKey());
        assertThat(reread.sign(message)).isEqualTo(key.sign(message));
        assertThat(rereadPublic).isEqualTo(key.publicKey());
        assertThat(rereadPublic.verify(message, key.sign(message))).isTrue();
    }

    @Test
    void twoGeneratedKeysDiffer() {
        assertThat(Ed25519Keys.generate().keyId()).isNotEqualTo(Ed25519Keys.generate().keyId());
    }

    @Test
    void ignoresTextAroundThePemBlock() {
        final String withComments = "# mounted from the rng-signing-key secret\n" + RFC_PRIVATE_PEM + "\n\n";

        assertThat(Ed25519Keys.fromPkcs8Pem(withComments).keyId()).isEqualTo("21fe31dfa154a261");
    }

    @Test
    void rejectsAPrivateKeyOfAnotherAlgorithmNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> Ed25519Keys.fromPkcs8Pem(P256_PRIVATE_PEM))
                .withMessageContaining("not an Ed25519 private key")
                .withMessageContaining("1.2.840.10045.2.1");
    }

    @Test
    void rejectsAPublicKeyWhereAPrivateKeyIsExpected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Ed25519Keys.fromPkcs8Pem(RFC_PUBLIC_PEM))
                .withMessageContaining("BEGIN PRIVATE KEY")
                .withMessageContaining("found PUBLIC KEY");
    }

    @Test
    void rejectsGarbage() {
        assertThatIllegalArgumentException().isThrownBy(() -> Ed25519Keys.fromPkcs8Pem(
                "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n"));
        assertThatIllegalArgumentException().isThrownBy(() -> Ed25519Keys.publicKeyFromPem(""));
    }

    @Test
    void signingKeyToStringDoesNotRevealTheKey() {
        final SigningKey key = Ed25519Keys.fromSeed(HEX.parseHex(RFC_SECRET));

        assertThat(key.toString()).isEqualTo("SigningKey[keyId=21fe31dfa154a261]")
                .doesNotContain(RFC_SECRET.substring(0, 8));
    }

    @Test
    void publicKeyIsImmutable() {
        final byte[] raw = HEX.parseHex(RFC_PUBLIC);
        final PublicKey key = new PublicKey(raw);

        raw[0] ^= 1;
        key.raw()[1] ^= 1;

        assertThat(HEX.formatHex(key.raw())).isEqualTo(RFC_PUBLIC);
    }

    @Test
    void signingIsThreadSafe() throws Exception {
        final SigningKey key = Ed25519Keys.fromSeed(HEX.parseHex(RFC_SECRET));
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            final List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        final byte[] message = ("thread " + thread + " message " + i).getBytes(StandardCharsets.UTF_8);
                        if (!key.publicKey().verify(message, key.sign(message))) {
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
}
