package io.rngstream.core.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.LongStream;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class DrawPropertiesTest {

    private final DrawAlgorithm algorithm = DrawAlgorithms.current();

    @Property
    void everyNumberLiesWithinBounds(@ForAll final long a, @ForAll final long b,
                                     @ForAll @IntRange(min = 1, max = 64) final int count,
                                     @ForAll final boolean unique,
                                     @ForAll @Size(32) final byte[] seed) {
        final long min = Math.min(a, b);
        final long max = Math.max(a, b);
        final DrawSpec requested = new DrawSpec(min, max, count, unique);
        final DrawSpec spec = !unique || requested.uniqueFits() ? requested
                : new DrawSpec(min, max, (int) requested.rangeSizeUnsigned(), unique);

        final long[] numbers = algorithm.draw(seed, spec);

        assertThat(numbers).hasSize(spec.count());
        assertAllWithin(numbers, min, max);
    }

    @Property
    void minEqualToMaxAlwaysReturnsMin(@ForAll final long value,
                                       @ForAll @IntRange(min = 1, max = 64) final int count,
                                       @ForAll @Size(32) final byte[] seed) {
        assertThat(algorithm.draw(seed, new DrawSpec(value, value, count, false)))
                .hasSize(count).containsOnly(value);
        assertThat(algorithm.draw(seed, new DrawSpec(value, value, 1, true))).containsExactly(value);
    }

    @Property
    void uniqueNumbersAreDistinctAndWithinBounds(@ForAll final long min,
                                                 @ForAll @IntRange(min = 0, max = 1_000) final int extra,
                                                 @ForAll @IntRange(min = 1, max = 200) final int count,
                                                 @ForAll @Size(32) final byte[] seed) {
        // Ranges from exactly count values up to count + 1000, so collisions in Floyd's loop are common.
        final long max = min + count - 1 + extra;
        Assume.that(max >= min);

        final long[] numbers = algorithm.draw(seed, new DrawSpec(min, max, count, true));

        assertThat(numbers).hasSize(count).doesNotHaveDuplicates();
        assertAllWithin(numbers, min, max);
    }

    @Property
    void countEqualToRangeSizeYieldsAPermutationOfTheRange(@ForAll final long min,
                                                          @ForAll @IntRange(min = 1, max = 300) final int size,
                                                          @ForAll @Size(32) final byte[] seed) {
        final long max = min + size - 1;
        Assume.that(max >= min);

        final long[] numbers = algorithm.draw(seed, new DrawSpec(min, max, size, true));

        assertThat(Arrays.stream(numbers).sorted().toArray())
                .isEqualTo(LongStream.rangeClosed(min, max).toArray());
    }

    @Property(tries = 200)
    void fullLongRangeWorksWithAndWithoutReplacement(@ForAll @IntRange(min = 1, max = 100) final int count,
                                                     @ForAll final boolean unique,
                                                     @ForAll @Size(32) final byte[] seed) {
        final long[] numbers = algorithm.draw(seed, new DrawSpec(Long.MIN_VALUE, Long.MAX_VALUE, count, unique));

        assertThat(numbers).hasSize(count);
        if (unique) {
            assertThat(numbers).doesNotHaveDuplicates();
        }
    }

    @Property(tries = 200)
    void sameSeedAndSpecGiveSameNumbers(@ForAll final long a, @ForAll final long b,
                                        @ForAll @IntRange(min = 1, max = 50) final int count,
                                        @ForAll @Size(32) final byte[] seed) {
        final DrawSpec spec = new DrawSpec(Math.min(a, b), Math.max(a, b), count, false);

        assertThat(algorithm.draw(seed.clone(), spec)).isEqualTo(algorithm.draw(seed.clone(), spec));
    }

    private static void assertAllWithin(final long[] numbers, final long min, final long max) {
        assertThat(Arrays.stream(numbers).min().orElseThrow()).as("smallest number drawn").isGreaterThanOrEqualTo(min);
        assertThat(Arrays.stream(numbers).max().orElseThrow()).as("largest number drawn").isLessThanOrEqualTo(max);
    }
}
