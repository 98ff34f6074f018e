package io.rngstream.core.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class DrawSpecTest {

    private static final BigInteger TWO_TO_THE_64 = BigInteger.ONE.shiftLeft(64);

    @Test
    void rejectsMinGreaterThanMax() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DrawSpec(2, 1, 1, false));
    }

    @Test
    void rejectsCountBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DrawSpec(1, 6, 0, false));
        assertThatIllegalArgumentException().isThrownBy(() -> new DrawSpec(1, 6, -1, true));
    }

    @Test
    void acceptsASingleValueRange() {
        final DrawSpec spec = new DrawSpec(7, 7, 1, true);

        assertThat(spec.rangeSizeUnsigned()).isEqualTo(1);
        assertThat(spec.rangeSize()).isEqualTo(BigInteger.ONE);
        assertThat(spec.rangeBits()).isZero();
    }

    @Test
    void fullRangeHasUnsignedSizeZeroAndTwoToThe64Values() {
        final DrawSpec spec = new DrawSpec(Long.MIN_VALUE, Long.MAX_VALUE, 1, false);

        assertThat(spec.rangeSizeUnsigned()).isZero();
        assertThat(spec.rangeSize()).isEqualTo(TWO_TO_THE_64);
        assertThat(spec.rangeBits()).isEqualTo(64.0);
    }

    @Test
    void rangeAboveTwoToThe63IsReportedUnsigned() {
        final DrawSpec spec = new DrawSpec(-1, Long.MAX_VALUE, 1, false);

        assertThat(spec.rangeSizeUnsigned()).isEqualTo(Long.MIN_VALUE + 1);
        assertThat(spec.rangeSize()).isEqualTo(BigInteger.ONE.shiftLeft(63).add(BigInteger.ONE));
        assertThat(spec.rangeBits()).isCloseTo(63.0, within(1e-9));
    }

    @Test
    void rangeSpanningZeroCountsBothEnds() {
        final DrawSpec spec = new DrawSpec(-10, 10, 1, false);

        assertThat(spec.rangeSizeUnsigned()).isEqualTo(21);
        assertThat(spec.rangeSize()).isEqualTo(BigInteger.valueOf(21));
    }

    @Test
    void rangeBitsIsTheBaseTwoLogarithm() {
        assertThat(new DrawSpec(1, 8, 1, false).rangeBits()).isEqualTo(3.0);
        assertThat(new DrawSpec(1, 6, 1, false).rangeBits()).isCloseTo(2.584962500721156, within(1e-12));
        assertThat(new DrawSpec(0, 999_999, 1, false).rangeBits()).isCloseTo(19.931568569324174, within(1e-12));
    }

    @Test
    void uniqueFitsUpToTheRangeSize() {
        assertThat(new DrawSpec(1, 49, 49, true).uniqueFits()).isTrue();
        assertThat(new DrawSpec(1, 49, 50, true).uniqueFits()).isFalse();
        assertThat(new DrawSpec(Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE, true).uniqueFits()).isTrue();
        assertThat(new DrawSpec(0, Long.MAX_VALUE, Integer.MAX_VALUE, true).uniqueFits())
                .as("a range above 2^63 is negative as a signed long, yet holds any int count")
                .isTrue();
    }
}
