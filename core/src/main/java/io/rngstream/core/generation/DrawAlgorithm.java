package io.rngstream.core.generation;

/** A named, exactly reproducible draw: the same seed and spec always give the same numbers. */
public interface DrawAlgorithm {

    /** Length in bytes of every seed a draw takes. */
    int SEED_BYTES = 32;

    /**
     * The algorithm id recorded with every draw, so a verifier can pick the same algorithm again.
     *
     * @return a stable id such as {@value HmacDrbgUnbiasedV1#ID}
     */
    String id();

    /**
     * Draws numbers determined by the seed and the spec alone.
     *
     * @param seed exactly {@link #SEED_BYTES} bytes; not modified
     * @param spec what to draw
     * @return {@code spec.count()} numbers within {@code [spec.min(), spec.max()]}, in draw order
     * @throws IllegalArgumentException if the seed is not {@link #SEED_BYTES} bytes long, or the
     *                                  spec is unique and its count exceeds the range size
     */
    long[] draw(byte[] seed, DrawSpec spec);
}
