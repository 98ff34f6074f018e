package io.rngstream.core.signing;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 public key (RFC 8032): the 32-byte encoded point.
 *
 * @param raw the 32-byte public key; copied in and out, so the key cannot change after construction
 */
public record PublicKey(byte[] raw) {

    /** Length of an Ed25519 public key in bytes. */
    public static final int LENGTH = Ed25519.PUBLIC_KEY_SIZE;

    /** Copies the key and checks its length (not whether it is a valid point: {@link KeyRing} does that). */
    public PublicKey {
        if (raw == null || raw.length != LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is " + LENGTH + " bytes, was "
                    + (raw == null ? "null" : raw.length));
        }
        raw = raw.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /**
     * The key id: lowercase hex of the first 8 bytes of SHA-256 of the raw key.
     *
     * @return 16 hex digits
     */
    public String keyId() {
        return Ed25519Keys.keyId(raw);
    }

    /**
     * The key as an X.509 SubjectPublicKeyInfo PEM block ({@code -----BEGIN PUBLIC KEY-----}), as OpenSSL writes it.
     *
     * @return the PEM text, ending with a newline
     */
    public String toPem() {
        try {
            final byte[] der = new SubjectPublicKeyInfo(new AlgorithmIdentifier(Ed25519Keys.OID), raw)
                    .getEncoded();
            return Pem.encode("PUBLIC KEY", der);
        } catch (final IOException e) {
            throw new IllegalStateException("cannot DER-encode a public key", e);
        }
    }

    /**
     * Checks an Ed25519 signature (RFC 8032, pure Ed25519, no context).
     *
     * @param message   the signed bytes
     * @param signature the 64-byte signature
     * @return {@code true} only if the signature is valid for this key and message
     */
    public boolean verify(final byte[] message, final byte[] signature) {
        if (message == null || signature == null || signature.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        return Ed25519.verify(signature, 0, raw, 0, message, 0, message.length);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof PublicKey key && Arrays.equals(raw, key.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "PublicKey[keyId=" + keyId() + ", raw=" + HexFormat.of().formatHex(raw) + "]";
    }
}
