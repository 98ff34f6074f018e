package io.rngstream.core.generation;

import java.util.HashSet;
import java.util.Set;

/** Draws distinct offsets in uniformly random order: Robert Floyd's sampling, then a Fisher–Yates shuffle. */
final class UniqueSampling {

    private UniqueSampling() {
    }

    /**
     * Draws {@code count} distinct offsets from {@code [0, rangeSize)}.
     *
     * <p>Floyd's algorithm costs {@code count} words whatever the range size, so it stays fast both
     * when count is close to the range size and for the full 64-bit range; its output order is not
     * uniform, hence the shuffle.
     *
     * @param words     the word stream to consume
     * @param rangeSize the number of possible offsets as an unsigned 64-bit value; 0 means 2^64
     * @param count     how many offsets, at most the range size
     * @return distinct offsets as unsigned 64-bit values, a uniformly random ordered sample
     */
    static long[] offsets(final WordSource words, final long rangeSize, final int count) {
        if (rangeSize != 0 && Long.compareUnsigned(count, rangeSize) > 0) {
            throw new IllegalArgumentException("cannot draw " + count + " distinct numbers from a range of "
                    + Long.toUnsignedString(rangeSize));
        }
        final long[] chosen = floydSample(words, rangeSize, count);
        shuffle(words, chosen);
        return chosen;
    }

    private static long[] floydSample(final WordSource words, final long rangeSize, final int count) {
        final long[] chosen = new long[count];
        final Set<Long> seen = HashSet.newHashSet(count);
        // Unsigned arithmetic throughout: with rangeSize 0 (2^64) the first j is 2^64 - count.
        final long firstJ = rangeSize - count;
        for (int i = 0; i < count; i++) {
            final long j = firstJ + i;
            final long candidate = UniformMapping.offset(words, j + 1);
            // j itself cannot be taken yet: every earlier pick is below it.
            final long picked = seen.contains(candidate) ? j : candidate;
            seen.add(picked);
            chosen[i] = picked;
        }
        return chosen;
    }

    private static void shuffle(final WordSource words, final long[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            final int k = (int) UniformMapping.offset(words, i + 1L);
            final long swapped = values[i];
            values[i] = values[k];
            values[k] = swapped;
        }
    }
}
