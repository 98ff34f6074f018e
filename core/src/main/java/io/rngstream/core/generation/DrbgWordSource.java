package io.rngstream.core.generation;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bouncycastle.crypto.prng.drbg.SP80090DRBG;

/**
 * Reads big-endian 64-bit words from an HMAC_DRBG in fixed blocks of {@value #BLOCK_BYTES} bytes.
 *
 * <p>The block size is part of the algorithm: each generate call updates the DRBG state once, so the
 * bytes after the first block depend on how many bytes each call returned.
 */
final class DrbgWordSource implements WordSource {

    /** Bytes requested by every generate call (eight HMAC blocks, 32 words). */
    static final int BLOCK_BYTES = 256;

    private final SP80090DRBG drbg;
    private final ByteBuffer block = ByteBuffer.allocate(BLOCK_BYTES).order(ByteOrder.BIG_ENDIAN);

    DrbgWordSource(final SP80090DRBG drbg) {
        this.drbg = drbg;
        // Start empty so the first word triggers the first generate call.
        block.position(BLOCK_BYTES);
    }

    /**
     * A word source instantiated from the seed alone: entropy input = seed, empty nonce and personalization.
     *
     * @param seed exactly {@link DrawAlgorithm#SEED_BYTES} bytes
     * @return a fresh word source
     */
    static DrbgWordSource fromSeed(final byte[] seed) {
        return new DrbgWordSource(HmacDrbg.instantiate(seed, new byte[0], new byte[0]));
    }

    @Override
    public long nextWord() {
        if (!block.hasRemaining()) {
            refill();
        }
        return block.getLong();
    }

    private void refill() {
        final byte[] bytes = block.array();
        final int generatedBits = drbg.generate(bytes, null, false);
        if (generatedBits != BLOCK_BYTES * 8) {
            // -1 means the DRBG wants a reseed, after 2^47 calls: unreachable within one draw.
            throw new IllegalStateException("HMAC_DRBG refused to generate, returned " + generatedBits);
        }
        block.clear();
    }
}
