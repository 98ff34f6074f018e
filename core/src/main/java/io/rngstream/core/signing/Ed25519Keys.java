package io.rngstream.core.signing;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Creates Ed25519 keys: fresh, from PEM files (PKCS#8 private, X.509 public), and derives key ids. */
public final class Ed25519Keys {

    /** The algorithm name used on /keys. */
    public static final String ALGORITHM = "Ed25519";

    /** id-Ed25519 (RFC 8410): the algorithm OID in PKCS#8 and X.509 key structures. */
    static final ASN1ObjectIdentifier OID = new ASN1ObjectIdentifier("1.3.101.112");

    private static final int KEY_ID_BYTES = 8;

    private Ed25519Keys() {
    }

    /**
     * A fresh key from the operating system's CSPRNG.
     *
     * @return a new signing key
     */
    public static SigningKey generate() {
        final byte[] seed = new byte[SigningKey.LENGTH];
        // The default SecureRandom reads the OS CSPRNG (/dev/urandom on Linux) and never blocks after boot.
        Ed25519.generatePrivateKey(new SecureRandom(), seed);
        try {
            return new SigningKey(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * The key whose RFC 8032 private key (the 32-byte seed) is given, e.g. a test vector.
     *
     * @param seed 32 bytes
     * @return the signing key
     */
    public static SigningKey fromSeed(final byte[] seed) {
        return new SigningKey(seed);
    }

    /**
     * Reads an unencrypted PKCS#8 Ed25519 private key ({@code -----BEGIN PRIVATE KEY-----}), e.g. from
     * {@code openssl genpkey -algorithm ed25519}. A public key embedded in the file (PKCS#8 v2) must match.
     *
     * @param pem the PEM text; text around the block is ignored
     * @return the signing key
     * @throws IllegalArgumentException if the text holds no Ed25519 PKCS#8 private key
     */
    public static SigningKey fromPkcs8Pem(final String pem) {
        final byte[] der = Pem.decode(pem, "PRIVATE KEY");
        final PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (final IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a PKCS#8 private key: " + e.getMessage(), e);
        }
        requireEd25519(info.getPrivateKeyAlgorithm(), "private key");
        final byte[] seed;
        try {
            // RFC 8410: the PKCS#8 privateKey OCTET STRING wraps a CurvePrivateKey, itself an OCTET STRING.
            seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
        } catch (final IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
        }
        try {
            final SigningKey key = new SigningKey(seed);
            if (info.getPublicKeyData() != null
                    && !Arrays.equals(info.getPublicKeyData().getOctets(), key.publicKey().raw())) {
                throw new IllegalArgumentException("the public key in the PKCS#8 file does not match its private key");
            }
            return key;
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * Reads an Ed25519 public key in X.509 SubjectPublicKeyInfo form ({@code -----BEGIN PUBLIC KEY-----}).
     *
     * @param pem the PEM text; text around the block is ignored
     * @return the public key
     * @throws IllegalArgumentException if the text holds no Ed25519 public key
     */
    public static PublicKey publicKeyFromPem(final String pem) {
        final byte[] der = Pem.decode(pem, "PUBLIC KEY");
        final SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (final IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an X.509 public key: " + e.getMessage(), e);
        }
        requireEd25519(info.getAlgorithm(), "public key");
        if (info.getPublicKeyData().getPadBits() != 0) {
            throw new IllegalArgumentException("not an Ed25519 public key: the key bit string is not whole bytes");
        }
        return new PublicKey(info.getPublicKeyData().getOctets());
    }

    /**
     * The key id of a public key: lowercase hex of the first 8 bytes of SHA-256 of the raw 32-byte key.
     *
     * @param rawPublicKey the 32-byte public key
     * @return 16 lowercase hex digits
     */
    public static String keyId(final byte[] rawPublicKey) {
        if (rawPublicKey == null || rawPublicKey.length != PublicKey.LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is " + PublicKey.LENGTH + " bytes");
        }
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawPublicKey);
            return HexFormat.of().formatHex(digest, 0, KEY_ID_BYTES);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void requireEd25519(final AlgorithmIdentifier algorithm, final String what) {
        if (!OID.equals(algorithm.getAlgorithm())) {
            throw new IllegalArgumentException("not an Ed25519 " + what + ": algorithm OID is "
                    + algorithm.getAlgorithm().getId() + ", Ed25519 is " + OID.getId());
        }
        if (algorithm.getParameters() != null) {
            throw new IllegalArgumentException("not an Ed25519 " + what + ": RFC 8410 forbids algorithm parameters");
        }
    }
}
