package io.rngstream.core.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class UniformMappingTest {

    /** 2^64 = 3 * 0x5555555555555555 + 1, so exactly one word must be rejected for a range of three. */
    private static final long THIRD = 0x5555555555555555L;

    @Test
    void rejectsTheZeroWordForRangeThreeAndUsesTheNextWord() {
        final ScriptedWords words = new ScriptedWords(0L, 0xFFFFFFFFFFFFFFFFL);

        assertThat(UniformMapping.offset(words, 3)).isEqualTo(2);
        assertThat(words.remaining()).isZero();
    }

    @Test
    void acceptsEveryNonZeroWordForRangeThree() {
        // Low products 1 and 2 fall below the range size but not below the threshold 2^64 mod 3 = 1.
        assertThat(UniformMapping.offset(new ScriptedWords(0xAAAAAAAAAAAAAAABL), 3)).isEqualTo(2);
        assertThat(UniformMapping.offset(new ScriptedWords(THIRD + 1), 3)).isEqualTo(1);
        assertThat(UniformMapping.offset(new ScriptedWords(1L), 3)).isZero();
    }

    @Test
    void splitsTheAcceptedWordsForRangeThreeIntoThreeEqualShares() {
        // The offset is floor(word * 3 / 2^64), monotone in the word, so bucket edges fix the shares:
        // offset 0 for words 1..THIRD, 1 for THIRD+1..2*THIRD, 2 for 2*THIRD+1..2^64-1: THIRD words each.
        // Modulo reduction (word mod 3) would instead give offset 0 one word more than the others.
        assertThat(offsetOf(1L, 3)).isZero();
        assertThat(offsetOf(THIRD, 3)).isZero();
        assertThat(offsetOf(THIRD + 1, 3)).isEqualTo(1);
        assertThat(offsetOf(2 * THIRD, 3)).isEqualTo(1);
        assertThat(offsetOf(2 * THIRD + 1, 3)).isEqualTo(2);
        assertThat(offsetOf(-1L, 3)).isEqualTo(2);
        assertThatThrownBy(() -> offsetOf(0L, 3))
                .as("the zero word is the one surplus word and must be rejected")
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void rejectsEveryWordDivisibleByFourForRangeThreeQuarterOfTwoToThe64() {
        // s = 3 * 2^62: modulo reduction would make offsets below 2^62 twice as likely as the rest.
        final long rangeSize = 0xC000000000000000L;
        final ScriptedWords words = new ScriptedWords(0L, 4L, 0x8000000000000000L, 5L);

        assertThat(UniformMapping.offset(words, rangeSize)).isEqualTo(3);
        assertThat(words.remaining()).isZero();
    }

    @Test
    void returnsTheRawWordForTheFullRange() {
        assertThat(UniformMapping.offset(new ScriptedWords(0L), 0)).isZero();
        assertThat(UniformMapping.offset(new ScriptedWords(0x8000000000000001L), 0)).isEqualTo(0x8000000000000001L);
    }

    @Test
    void consumesOneWordForASingleValueRangeAndReturnsZero() {
        final ScriptedWords words = new ScriptedWords(0x0123456789ABCDEFL);

        assertThat(UniformMapping.offset(words, 1)).isZero();
        assertThat(words.remaining()).isZero();
    }

    @Test
    void rejectsForRangeTenExactlyWhenTheLowProductIsBelowTwoToThe64ModTen() {
        // 2^64 mod 10 = 6. 2^63 * 10 = 5 * 2^64 + 0: low 0 < 6, rejected.
        // (2^63 + 1) * 10 = 5 * 2^64 + 10: low 10 >= 6, accepted, offset = high half = 5.
        final ScriptedWords words = new ScriptedWords(0x8000000000000000L, 0x8000000000000001L);

        assertThat(UniformMapping.offset(words, 10)).isEqualTo(5);
        assertThat(words.remaining()).isZero();
    }

    private static long offsetOf(final long word, final long rangeSize) {
        return UniformMapping.offset(new ScriptedWords(word), rangeSize);
    }
}
