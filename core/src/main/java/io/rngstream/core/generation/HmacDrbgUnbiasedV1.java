package io.rngstream.core.generation;

import java.util.Objects;

/**
 * Draw algorithm v1: HMAC_DRBG (SHA-256) instantiated from the seed alone, Lemire's unbiased mapping,
 * and Floyd sampling with a Fisher–Yates shuffle for unique draws; specified in docs/draw-algorithm.md.
 *
 * <p>Stateless and thread-safe: every call builds its own DRBG. Frozen: any change to the numbers it
 * returns needs a new algorithm id, or recorded draws could no longer be verified.
 */
public final class HmacDrbgUnbiasedV1 implements DrawAlgorithm {

    /** The id recorded with draws made by this algorithm. */
    public static final String ID = "HMAC_DRBG-SHA256/unbiased-v1";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public long[] draw(final byte[] seed, final DrawSpec spec) {
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(spec, "spec");
        if (seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("seed must be " + SEED_BYTES + " bytes, was " + seed.length);
        }
        if (spec.unique() && !spec.uniqueFits()) {
            throw new IllegalArgumentException("cannot draw " + spec.count() + " distinct numbers from a range of "
                    + spec.rangeSize());
        }
        final WordSource words = DrbgWordSource.fromSeed(seed);
        final long rangeSize = spec.rangeSizeUnsigned();
        final long[] offsets = spec.unique()
                ? UniqueSampling.offsets(words, rangeSize, spec.count())
                : independentOffsets(words, rangeSize, spec.count());
        final long[] numbers = new long[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            // Wrapping addition maps an unsigned offset back into [min, max] for any signed bounds.
            numbers[i] = spec.min() + offsets[i];
        }
        return numbers;
    }

    private static long[] independentOffsets(final WordSource words, final long rangeSize, final int count) {
        final long[] offsets = new long[count];
        for (int i = 0; i < count; i++) {
            offsets[i] = UniformMapping.offset(words, rangeSize);
        }
        return offsets;
    }

    @Override
    public String toString() {
        return ID;
    }
}
