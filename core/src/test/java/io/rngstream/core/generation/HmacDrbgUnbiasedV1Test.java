package io.rngstream.core.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HmacDrbgUnbiasedV1Test {

    private final DrawAlgorithm algorithm = new HmacDrbgUnbiasedV1();

    @Test
    void hasTheFrozenId() {
        assertThat(algorithm.id()).isEqualTo("HMAC_DRBG-SHA256/unbiased-v1");
    }

    @Test
    void goldenLotteryDrawIsFrozen() {
        // The worked example of docs/draw-algorithm.md: any change here breaks verification of recorded draws.
        assertThat(algorithm.draw(TestSeeds.golden(), new DrawSpec(1, 49, 6, true)))
                .containsExactly(48, 43, 15, 16, 9, 4);
    }

    @Test
    void goldenDiceDrawIsFrozen() {
        assertThat(algorithm.draw(TestSeeds.golden(), new DrawSpec(1, 6, 10, false)))
                .containsExactly(2, 3, 1, 2, 6, 6, 3, 1, 3, 4);
    }

    @Test
    void goldenFullRangeDrawsAreFrozen() {
        final DrawSpec withReplacement = new DrawSpec(Long.MIN_VALUE, Long.MAX_VALUE, 3, false);
        final DrawSpec withoutReplacement = new DrawSpec(Long.MIN_VALUE, Long.MAX_VALUE, 3, true);

        assertThat(algorithm.draw(TestSeeds.golden(), withReplacement))
                .containsExactly(-5609722078036391145L, -2802737108324503502L, -7835243671356594826L);
        assertThat(algorithm.draw(TestSeeds.golden(), withoutReplacement))
                .containsExactly(-7835243671356594826L, -2802737108324503503L, -5609722078036391146L);
    }

    @Test
    void goldenDrawAcrossThreeBlocksIsFrozen() {
        // 70 words span three 256-byte DRBG blocks, so this pins the block size too.
        assertThat(algorithm.draw(TestSeeds.golden(), new DrawSpec(0, 99, 70, false))).containsExactly(
                19, 34, 7, 30, 88, 96, 45, 4, 38, 66, 27, 3, 46, 23, 76, 61, 75, 85, 57, 82,
                23, 86, 96, 32, 47, 11, 71, 98, 84, 29, 44, 59, 27, 45, 25, 6, 37, 62, 34, 7,
                17, 85, 12, 34, 84, 1, 74, 51, 47, 12, 44, 5, 25, 63, 10, 67, 10, 31, 54, 31,
                5, 50, 10, 86, 13, 6, 81, 82, 38, 35);
    }

    @Test
    void goldenPermutationIsFrozen() {
        assertThat(algorithm.draw(TestSeeds.golden(), new DrawSpec(0, 9, 10, true)))
                .containsExactly(8, 6, 9, 5, 7, 4, 1, 3, 0, 2);
    }

    @Test
    void sameSeedAndSpecGiveSameNumbers() {
        final DrawSpec spec = new DrawSpec(-1_000, 1_000_000, 500, false);
        final byte[] seed = TestSeeds.of("reproducible");

        assertThat(algorithm.draw(seed, spec)).isEqualTo(algorithm.draw(seed.clone(), spec));
    }

    @Test
    void differentSeedsGiveDifferentNumbers() {
        final DrawSpec spec = new DrawSpec(1, 1_000_000, 20, false);
        final byte[] seed = TestSeeds.of("one");
        final byte[] oneBitFlipped = seed.clone();
        oneBitFlipped[31] ^= 1;

        assertThat(algorithm.draw(seed, spec)).isNotEqualTo(algorithm.draw(oneBitFlipped, spec));
        assertThat(algorithm.draw(seed, spec)).isNotEqualTo(algorithm.draw(TestSeeds.of("two"), spec));
    }

    @Test
    void leavesTheSeedUnchanged() {
        final byte[] seed = TestSeeds.of("untouched");
        final byte[] copy = seed.clone();

        algorithm.draw(seed, new DrawSpec(1, 100, 50, true));

        assertThat(seed).isEqualTo(copy);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 31, 33, 64})
    void rejectsSeedThatIsNot32Bytes(final int length) {
        final DrawSpec spec = new DrawSpec(1, 6, 1, false);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> algorithm.draw(new byte[length], spec))
                .withMessageContaining("32 bytes");
    }

    @Test
    void rejectsUniqueDrawLargerThanRange() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> algorithm.draw(TestSeeds.golden(), new DrawSpec(1, 49, 50, true)));
    }

    @Test
    void allowsNonUniqueDrawLargerThanRange() {
        assertThat(algorithm.draw(TestSeeds.golden(), new DrawSpec(0, 1, 50, false)))
                .hasSize(50)
                .containsOnly(0L, 1L);
    }

    @Test
    void uniqueDrawOfTenThousandFromTenThousandIsAPermutation() {
        final long[] numbers = algorithm.draw(TestSeeds.of("10k of 10k"), new DrawSpec(1, 10_000, 10_000, true));

        assertThat(Arrays.stream(numbers).sorted().toArray())
                .isEqualTo(LongStream.rangeClosed(1, 10_000).toArray());
        assertThat(numbers).as("a shuffled permutation, not the sorted range")
                .isNotEqualTo(LongStream.rangeClosed(1, 10_000).toArray());
    }

    @Test
    void uniqueDrawOfTenThousandFromTheFullRangeIsDistinct() {
        final long[] numbers = algorithm.draw(TestSeeds.of("10k of 2^64"),
                new DrawSpec(Long.MIN_VALUE, Long.MAX_VALUE, 10_000, true));

        assertThat(numbers).hasSize(10_000).doesNotHaveDuplicates();
    }

    @Test
    void permutationReachesLongMaxValue() {
        final long[] numbers = algorithm.draw(TestSeeds.golden(), new DrawSpec(Long.MAX_VALUE - 4, Long.MAX_VALUE, 5, true));

        assertThat(numbers).containsExactlyInAnyOrder(
                Long.MAX_VALUE - 4, Long.MAX_VALUE - 3, Long.MAX_VALUE - 2, Long.MAX_VALUE - 1, Long.MAX_VALUE);
    }

    @Test
    void concurrentDrawsEqualSequentialDraws() throws Exception {
        final DrawSpec spec = new DrawSpec(1, 1_000, 100, true);
        final List<byte[]> seeds = IntStream.range(0, 64).mapToObj(i -> TestSeeds.of("thread " + i)).toList();
        final List<long[]> sequential = seeds.stream().map(seed -> algorithm.draw(seed, spec)).toList();

        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            final List<Callable<long[]>> tasks = seeds.stream()
                    .<Callable<long[]>>map(seed -> () -> algorithm.draw(seed, spec)).toList();
            final List<Future<long[]>> concurrent = pool.invokeAll(tasks);
            for (int i = 0; i < seeds.size(); i++) {
                assertThat(concurrent.get(i).get()).as("draw %d", i).isEqualTo(sequential.get(i));
            }
        }
    }
}
