package io.rngstream.core.generation;

import java.util.List;
import java.util.Optional;

/** The registry of draw algorithms: the one new draws use, and every one a recorded draw may name. */
public final class DrawAlgorithms {

    private static final DrawAlgorithm V1 = new HmacDrbgUnbiasedV1();

    // Old versions stay listed forever so draws recorded under them can still be verified.
    private static final List<DrawAlgorithm> ALL = List.of(V1);

    private DrawAlgorithms() {
    }

    /**
     * The algorithm for new draws.
     *
     * @return the current algorithm
     */
    public static DrawAlgorithm current() {
        return V1;
    }

    /**
     * Looks an algorithm up by the id recorded with a draw.
     *
     * @param id an algorithm id, such as {@value HmacDrbgUnbiasedV1#ID}
     * @return the algorithm, or empty if no algorithm has that id
     */
    public static Optional<DrawAlgorithm> byId(final String id) {
        return ALL.stream().filter(algorithm -> algorithm.id().equals(id)).findFirst();
    }
}
