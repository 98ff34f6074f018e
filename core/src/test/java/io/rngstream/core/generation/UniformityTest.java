package io.rngstream.core.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Chi-square goodness of fit at p = 0.001, on fixed seeds so the outcome is deterministic. */
class UniformityTest {

    private static final int DRAWS = 60_000;

    /** Critical values of the chi-square distribution at p = 0.001. */
    private static final double CRITICAL_2_DF = 13.816;
    private static final double CRITICAL_5_DF = 20.515;
    private static final double CRITICAL_9_DF = 27.877;

    private final DrawAlgorithm algorithm = DrawAlgorithms.current();

    @Test
    void dieFacesOneToSixAreUniform() {
        final long[] numbers = algorithm.draw(TestSeeds.of("chi-square die"), new DrawSpec(1, 6, DRAWS, false));

        final long[] counts = new long[6];
        for (final long n : numbers) {
            counts[(int) (n - 1)]++;
        }

        assertThat(chiSquare(counts)).as("chi-square of die counts %s", Arrays.toString(counts))
                .isLessThan(CRITICAL_5_DF);
    }

    @Test
    void digitsZeroToNineAreUniform() {
        final long[] numbers = algorithm.draw(TestSeeds.of("chi-square digits"), new DrawSpec(0, 9, DRAWS, false));

        final long[] counts = new long[10];
        for (final long n : numbers) {
            counts[(int) n]++;
        }

        assertThat(chiSquare(counts)).as("chi-square of digit counts %s", Arrays.toString(counts))
                .isLessThan(CRITICAL_9_DF);
    }

    @Test
    void thirdsOfARangeOfThreeQuartersOfTwoToThe64AreUniform() {
        // Here modulo reduction would put half the draws in the first third (expected 20,000, it would give
        // ~30,000, chi-square ~7,500), while Lemire's rejection keeps each third at one in three.
        final long third = 1L << 62;
        final long min = Long.MIN_VALUE;
        final long max = min + 3 * third - 1;
        final long[] numbers = algorithm.draw(TestSeeds.of("chi-square thirds"), new DrawSpec(min, max, DRAWS, false));

        final long[] counts = new long[3];
        for (final long n : numbers) {
            counts[(int) Long.divideUnsigned(n - min, third)]++;
        }

        assertThat(chiSquare(counts)).as("chi-square of thirds %s", Arrays.toString(counts))
                .isLessThan(CRITICAL_2_DF);
    }

    private static double chiSquare(final long[] counts) {
        long total = 0;
        for (final long count : counts) {
            total += count;
        }
        final double expected = (double) total / counts.length;
        double sum = 0;
        for (final long count : counts) {
            final double deviation = count - expected;
            sum += deviation * deviation / expected;
        }
        return sum;
    }
}
