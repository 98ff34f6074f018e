package io.rngstream.core.generation;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Produces fresh {@value DrawAlgorithm#SEED_BYTES}-byte seeds from the operating system's non-blocking random source. */
public final class SeedGenerator {

    /** Preferred source: /dev/urandom, which never blocks a draw once the kernel pool is initialised. */
    static final String PREFERRED_ALGORITHM = "NativePRNGNonBlocking";

    private final SecureRandom random;

    /** Uses {@value #PREFERRED_ALGORITHM}, or the platform default where it does not exist (for example Windows). */
    public SeedGenerator() {
        this(nonBlockingSecureRandom());
    }

    SeedGenerator(final SecureRandom random) {
        this.random = random;
    }

    /**
     * A new seed; thread-safe, as {@link SecureRandom} is.
     *
     * @return {@value DrawAlgorithm#SEED_BYTES} fresh random bytes
     */
    public byte[] nextSeed() {
        final byte[] seed = new byte[DrawAlgorithm.SEED_BYTES];
        random.nextBytes(seed);
        return seed;
    }

    /**
     * The name of the random source, for logs and metrics.
     *
     * @return the {@link SecureRandom} algorithm, such as {@value #PREFERRED_ALGORITHM}
     */
    public String sourceName() {
        return random.getAlgorithm();
    }

    private static SecureRandom nonBlockingSecureRandom() {
        try {
            return SecureRandom.getInstance(PREFERRED_ALGORITHM);
        } catch (final NoSuchAlgorithmException notOnThisPlatform) {
            // Never getInstanceStrong(): it may block on /dev/random and stall draws.
            return new SecureRandom();
        }
    }
}
