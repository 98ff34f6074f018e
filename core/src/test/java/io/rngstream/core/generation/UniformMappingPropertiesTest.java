package io.rngstream.core.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.NoSuchElementException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;

class UniformMappingPropertiesTest {

    private static final BigInteger TWO_TO_THE_64 = BigInteger.ONE.shiftLeft(64);

    @Property(tries = 2000)
    void agreesWithLemiresRuleComputedInBigIntegers(@ForAll final long word, @ForAll final long rangeSize) {
        final BigInteger size = rangeSize == 0 ? TWO_TO_THE_64 : unsigned(rangeSize);
        final BigInteger product = unsigned(word).multiply(size);
        final boolean rejected = product.mod(TWO_TO_THE_64).compareTo(TWO_TO_THE_64.mod(size)) < 0;
        final var statistics = Statistics.label("rejected");
        statistics.collect(rejected);
        // Ranges above 2^63 reject often, so random longs reach both branches; fail if one was never taken.
        statistics.coverage(coverage -> {
            coverage.check(true).count(count -> count > 0);
            coverage.check(false).count(count -> count > 0);
        });

        if (rejected) {
            assertThatThrownBy(() -> UniformMapping.offset(new ScriptedWords(word), rangeSize))
                    .as("word %s must be rejected for range %s", Long.toUnsignedString(word), size)
                    .isInstanceOf(NoSuchElementException.class);
        } else {
            assertThat(unsigned(UniformMapping.offset(new ScriptedWords(word), rangeSize)))
                    .isEqualTo(product.shiftRight(64));
        }
    }

    @Property
    void mapsAcceptedWordsOneToOneOntoOffsetsForRangeThreeQuarterOfTwoToThe64(
            @ForAll @LongRange(min = 0, max = (1L << 62) - 1) final long group,
            @ForAll @IntRange(min = 1, max = 3) final int position) {
        // Words 4q+1, 4q+2, 4q+3 map to offsets 3q, 3q+1, 3q+2 and 4q is rejected: every offset has
        // exactly one accepted word, so the draw is exactly uniform.
        final long rangeSize = 0xC000000000000000L;

        assertThat(UniformMapping.offset(new ScriptedWords(4 * group + position), rangeSize))
                .isEqualTo(3 * group + position - 1);
        assertThatThrownBy(() -> UniformMapping.offset(new ScriptedWords(4 * group), rangeSize))
                .isInstanceOf(NoSuchElementException.class);
    }

    private static BigInteger unsigned(final long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }
}
