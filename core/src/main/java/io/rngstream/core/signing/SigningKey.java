package io.rngstream.core.signing;

import java.io.IOException;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 private key with its public key derived once, ready to sign many messages from many threads.
 *
 * <p>Instances come from {@link Ed25519Keys}. {@link #toString()} names the key id only.
 */
public final class SigningKey {

    /** Length of an Ed25519 private key (the seed of RFC 8032) in bytes. */
    public static final int LENGTH = Ed25519.SECRET_KEY_SIZE;

    private final byte[] seed;
    private final byte[] publicRaw;
    private final PublicKey publicKey;
    private final String keyId;

    SigningKey(final byte[] seed) {
        if (seed == null || seed.length != LENGTH) {
            throw new IllegalArgumentException("an Ed25519 private key is " + LENGTH + " bytes, was "
                    + (seed == null ? "null" : seed.length));
        }
        this.seed = seed.clone();
        this.publicRaw = new byte[PublicKey.LENGTH];
        Ed25519.generatePublicKey(this.seed, 0, publicRaw, 0);
        this.publicKey = new PublicKey(publicRaw);
        this.keyId = publicKey.keyId();
    }

    /**
     * Signs a message (pure Ed25519, RFC 8032). Thread-safe: the key is only read.
     *
     * @param message the bytes to sign
     * @return the 64-byte signature; the same message always gives the same signature
     */
    public byte[] sign(final byte[] message) {
        final byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        // Passing the derived public key saves a scalar multiplication on every call.
        Ed25519.sign(seed, 0, publicRaw, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    /**
     * The public half, to publish on /keys and to verify with.
     *
     * @return the public key
     */
    public PublicKey publicKey() {
        return publicKey;
    }

    /**
     * The id of the public key, recorded with every signature.
     *
     * @return 16 lowercase hex digits
     */
    public String keyId() {
        return keyId;
    }

    /**
     * The private key as an unencrypted PKCS#8 PEM block ({@code -----BEGIN PRIVATE KEY-----}), as
     * {@code openssl genpkey -algorithm ed25519} writes it. The text is a secret.
     *
     * @return the PEM text, ending with a newline
     */
    public String toPkcs8Pem() {
        try {
            final byte[] der = new PrivateKeyInfo(new AlgorithmIdentifier(Ed25519Keys.OID),
                    new DEROctetString(seed)).getEncoded();
            return Pem.encode("PRIVATE KEY", der);
        } catch (final IOException e) {
            throw new IllegalStateException("cannot DER-encode a private key", e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[keyId=" + keyId + "]";
    }
}
