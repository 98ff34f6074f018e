package io.rngstream.core.audit;

import io.rngstream.avro.ReplyStatus;
import io.rngstream.core.generation.DrawAlgorithm;
import io.rngstream.core.generation.DrawAlgorithms;
import io.rngstream.core.generation.DrawSpec;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/** Re-derives a recorded draw with the same code as the processor and compares the numbers. */
final class DrawCheck {

    /** A failed re-derivation: {@link Finding.Kind#NUMBERS_MISMATCH} or {@link Finding.Kind#UNKNOWN_ALGORITHM}. */
    record Problem(Finding.Kind kind, String detail) {
    }

    private DrawCheck() {
    }

    static Optional<Problem> check(final ReplyStatus status, final String algorithmId, final ByteBuffer seed,
            final long min, final long max, final int count, final boolean unique, final List<Long> numbers) {
        if (numbers == null) {
            return mismatch("the record has no numbers list");
        }
        if (status != ReplyStatus.OK) {
            return numbers.isEmpty() ? Optional.empty()
                    : mismatch("a " + status + " draw carries " + numbers.size() + " numbers");
        }
        final Optional<DrawAlgorithm> algorithm = DrawAlgorithms.byId(algorithmId);
        if (algorithm.isEmpty()) {
            return Optional.of(new Problem(Finding.Kind.UNKNOWN_ALGORITHM,
                    "algorithm " + algorithmId + " is not known to this verifier"));
        }
        if (seed == null) {
            return mismatch("an OK draw without a seed");
        }
        if (seed.remaining() != DrawAlgorithm.SEED_BYTES) {
            return mismatch("the seed is " + seed.remaining() + " bytes, not " + DrawAlgorithm.SEED_BYTES);
        }
        // Checked before drawing, so a forged count cannot make the verifier allocate gigabytes.
        if (numbers.size() != count) {
            return mismatch("count is " + count + " but the draw has " + numbers.size() + " numbers");
        }
        final long[] expected;
        try {
            expected = algorithm.get().draw(ChainHead.bytes(seed), new DrawSpec(min, max, count, unique));
        } catch (final IllegalArgumentException e) {
            return mismatch("the spec cannot be drawn: " + e.getMessage());
        }
        for (int i = 0; i < expected.length; i++) {
            final Long actual = numbers.get(i);
            if (actual == null || actual != expected[i]) {
                return mismatch("numbers[" + i + "] is " + actual + " but the seed gives " + expected[i]);
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> mismatch(final String detail) {
        return Optional.of(new Problem(Finding.Kind.NUMBERS_MISMATCH, detail));
    }
}
