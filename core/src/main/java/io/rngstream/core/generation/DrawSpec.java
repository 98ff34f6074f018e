package io.rngstream.core.generation;

import java.math.BigInteger;

/**
 * What to draw: {@code count} numbers in the inclusive range {@code [min, max]}, with or without replacement.
 *
 * @param min    smallest number that may be drawn (inclusive)
 * @param max    largest number that may be drawn (inclusive)
 * @param count  how many numbers to draw, at least 1
 * @param unique {@code true} to draw without replacement (all numbers distinct)
 */
public record DrawSpec(long min, long max, int count, boolean unique) {

    private static final BigInteger TWO_TO_THE_64 = BigInteger.ONE.shiftLeft(Long.SIZE);

    /** Rejects an empty range and a count below one; callers validate requests first, this only guards the record. */
    public DrawSpec {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " is greater than max " + max);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
    }

    /**
     * The range size {@code max - min + 1} as an unsigned 64-bit value.
     *
     * @return the range size, where 0 stands for the full range of 2^64 values
     */
    public long rangeSizeUnsigned() {
        // Wrapping arithmetic gives the exact size modulo 2^64; only the full range wraps to 0.
        return max - min + 1;
    }

    /**
     * The range size {@code max - min + 1} without wrap-around.
     *
     * @return the number of values in {@code [min, max]}, between 1 and 2^64
     */
    public BigInteger rangeSize() {
        final long size = rangeSizeUnsigned();
        return size == 0 ? TWO_TO_THE_64 : new BigInteger(Long.toUnsignedString(size));
    }

    /**
     * Whether {@code count} distinct numbers exist in the range.
     *
     * @return {@code true} when {@code count <= rangeSize()}
     */
    public boolean uniqueFits() {
        final long size = rangeSizeUnsigned();
        return size == 0 || Long.compareUnsigned(count, size) <= 0;
    }

    /**
     * The base-2 logarithm of the range size, for metrics.
     *
     * @return log2(rangeSize()), from 0.0 (a single value) to 64.0 (the full range)
     */
    public double rangeBits() {
        final long size = rangeSizeUnsigned();
        if (size == 0) {
            return Long.SIZE;
        }
        if (Long.bitCount(size) == 1) {
            // Exact for powers of two, where Math.log(x) / Math.log(2) can be off in the last bit.
            return Long.numberOfTrailingZeros(size);
        }
        return Math.log(unsignedToDouble(size)) / Math.log(2);
    }

    private static double unsignedToDouble(final long value) {
        final double asSigned = (double) (value >>> 1) * 2.0;
        return asSigned + (value & 1L);
    }
}
