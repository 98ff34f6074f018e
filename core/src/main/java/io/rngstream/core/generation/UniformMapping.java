package io.rngstream.core.generation;

/** Maps random words to a uniform offset in {@code [0, rangeSize)} without modulo bias (Lemire's nearly divisionless method). */
final class UniformMapping {

    private UniformMapping() {
    }

    /**
     * Draws a uniform offset, rejecting and replacing the few words that would bias the result.
     *
     * @param words     the word stream to consume
     * @param rangeSize the number of possible offsets as an unsigned 64-bit value; 0 means 2^64
     * @return an offset in {@code [0, rangeSize)} as an unsigned 64-bit value
     */
    static long offset(final WordSource words, final long rangeSize) {
        if (rangeSize == 0) {
            // Every 64-bit word is already a uniform offset over 2^64 values.
            return words.nextWord();
        }
        long word = words.nextWord();
        long low = word * rangeSize;
        if (Long.compareUnsigned(low, rangeSize) < 0) {
            // Only now is the division needed: threshold = 2^64 mod rangeSize, and it is always < rangeSize.
            final long threshold = Long.remainderUnsigned(-rangeSize, rangeSize);
            while (Long.compareUnsigned(low, threshold) < 0) {
                word = words.nextWord();
                low = word * rangeSize;
            }
        }
        return Math.unsignedMultiplyHigh(word, rangeSize);
    }
}
