package io.rngstream.core.generation;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC_DRBG (SHA-256) written straight from NIST SP 800-90A section 10.1.2 on the JDK's HmacSHA256,
 * independent of BouncyCastle: what a reimplementation in another language would do.
 */
final class ReferenceHmacDrbg {

    private byte[] key = new byte[32];
    private byte[] value = new byte[32];

    ReferenceHmacDrbg(final byte[] entropyInput, final byte[] nonce, final byte[] personalization) {
        Arrays.fill(value, (byte) 0x01);
        update(concat(entropyInput, nonce, personalization));
    }

    /** Generate with no additional input: fresh V blocks, then update with empty provided data. */
    byte[] generate(final int bytes) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < bytes) {
            value = hmac(key, value);
            out.writeBytes(value);
        }
        update(new byte[0]);
        return Arrays.copyOf(out.toByteArray(), bytes);
    }

    private void update(final byte[] providedData) {
        key = hmac(key, concat(value, new byte[] {0x00}, providedData));
        value = hmac(key, value);
        if (providedData.length == 0) {
            return;
        }
        key = hmac(key, concat(value, new byte[] {0x01}, providedData));
        value = hmac(key, value);
    }

    private static byte[] hmac(final byte[] key, final byte[] data) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (final GeneralSecurityException e) {
            throw new AssertionError("every JDK has HmacSHA256", e);
        }
    }

    private static byte[] concat(final byte[]... parts) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
