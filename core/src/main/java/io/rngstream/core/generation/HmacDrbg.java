package io.rngstream.core.generation;

import org.bouncycastle.crypto.prng.EntropySource;
import org.bouncycastle.crypto.prng.drbg.HMacSP800DRBG;
import org.bouncycastle.crypto.prng.drbg.SP80090DRBG;

/** Builds NIST SP 800-90A HMAC_DRBG (SHA-256) instances; the NIST test vectors run through this same code. */
final class HmacDrbg {

    /** Security strength requested from the DRBG; SHA-256 supports up to 256 bits. */
    static final int SECURITY_STRENGTH_BITS = 256;

    private HmacDrbg() {
    }

    /**
     * Instantiates an HMAC_DRBG whose whole state is derived from the given inputs.
     *
     * @param entropyInput    the SP 800-90A entropy input, at least 32 bytes
     * @param nonce           the nonce, may be empty
     * @param personalization the personalization string, may be empty
     * @return a DRBG that must never be reseeded
     */
    static SP80090DRBG instantiate(final byte[] entropyInput, final byte[] nonce, final byte[] personalization) {
        if (entropyInput.length * 8 < SECURITY_STRENGTH_BITS) {
            throw new IllegalArgumentException("entropy input must be at least " + SECURITY_STRENGTH_BITS / 8
                    + " bytes, was " + entropyInput.length);
        }
        return new HMacSP800DRBG(new JdkHmacSha256(), SECURITY_STRENGTH_BITS,
                new OneShotEntropy(entropyInput), personalization.clone(), nonce.clone());
    }

    /** Hands the fixed entropy input to the DRBG once, so a reseed could never silently reuse or replace it. */
    private static final class OneShotEntropy implements EntropySource {

        private final byte[] entropyInput;
        private boolean used;

        OneShotEntropy(final byte[] entropyInput) {
            this.entropyInput = entropyInput.clone();
        }

        @Override
        public boolean isPredictionResistant() {
            return false;
        }

        @Override
        public byte[] getEntropy() {
            if (used) {
                throw new IllegalStateException("the draw DRBG is never reseeded: its output must follow from the seed alone");
            }
            used = true;
            return entropyInput.clone();
        }

        @Override
        public int entropySize() {
            return entropyInput.length * 8;
        }
    }
}
