package io.rngstream.core.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class UniqueSamplingTest {

    @Test
    void floydTakesJOnACollisionThenTheShuffleReordersFromTheSameStream() {
        // Range 5, count 3: Floyd runs j = 2, 3, 4 over ranges of 3, 4 and 5 values.
        final ScriptedWords words = new ScriptedWords(
                wordFor(1, 3), // j=2: candidate 1, new            -> chosen [1]
                wordFor(1, 4), // j=3: candidate 1, already chosen -> take j -> [1, 3]
                wordFor(4, 5), // j=4: candidate 4 (= j), new      -> [1, 3, 4]
                wordFor(0, 3), // shuffle i=2: swap positions 2 and 0 -> [4, 3, 1]
                wordFor(1, 2)); // shuffle i=1: swap positions 1 and 1 -> [4, 3, 1]

        assertThat(UniqueSampling.offsets(words, 5, 3)).containsExactly(4, 3, 1);
        assertThat(words.remaining()).as("Floyd uses count words, the shuffle count - 1").isZero();
    }

    @Test
    void singleOffsetUsesOneWordLikeANonUniqueDraw() {
        final ScriptedWords words = new ScriptedWords(wordFor(41, 49));

        assertThat(UniqueSampling.offsets(words, 49, 1)).containsExactly(41);
        assertThat(words.remaining()).isZero();
    }

    @Test
    void firstFloydStepOverTheFullRangeDrawsFromTwoToThe64MinusCountValues() {
        // With 2^64 values and count 2, j starts at 2^64 - 2, so the first range holds 2^64 - 1 values
        // and the second (j = 2^64 - 1) is the full range, which returns the raw word.
        final ScriptedWords words = new ScriptedWords(
                -1L,           // j=2^64-2: offset floor((2^64-1)^2 / 2^64) = 2^64-2 -> [2^64-2]
                7L,            // j=2^64-1: raw word 7                        -> [2^64-2, 7]
                wordFor(0, 2)); // shuffle i=1: swap positions 1 and 0         -> [7, 2^64-2]

        assertThat(UniqueSampling.offsets(words, 0, 2)).containsExactly(7L, -2L);
    }

    @Test
    void rejectsMoreOffsetsThanTheRangeHolds() {
        assertThatIllegalArgumentException().isThrownBy(() -> UniqueSampling.offsets(new ScriptedWords(), 3, 4));
    }

    /** A word in the middle of the bucket that Lemire's mapping sends to {@code offset}: never rejected for small ranges. */
    private static long wordFor(final long offset, final long rangeSize) {
        final BigInteger twoToThe64 = BigInteger.ONE.shiftLeft(64);
        return BigInteger.valueOf(2 * offset + 1).multiply(twoToThe64)
                .divide(BigInteger.valueOf(2 * rangeSize)).longValue();
    }
}
