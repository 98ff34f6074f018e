package io.rngstream.core.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.prng.EntropySource;
import org.bouncycastle.crypto.prng.drbg.HMacSP800DRBG;
import org.bouncycastle.crypto.prng.drbg.SP80090DRBG;
import org.junit.jupiter.api.Test;

class DrbgWordSourceTest {

    /** Enough words to cross several 256-byte blocks. */
    private static final int WORDS = 100;

    @Test
    void matchesHmacDrbgWrittenFromTheSpecWithEmptyNonceAndPersonalization() {
        final byte[] seed = TestSeeds.of("independent reference");
        final ReferenceHmacDrbg reference = new ReferenceHmacDrbg(seed, new byte[0], new byte[0]);
        final WordSource words = DrbgWordSource.fromSeed(seed);

        ByteBuffer block = ByteBuffer.wrap(reference.generate(DrbgWordSource.BLOCK_BYTES));
        for (int i = 0; i < WORDS; i++) {
            if (!block.hasRemaining()) {
                block = ByteBuffer.wrap(reference.generate(DrbgWordSource.BLOCK_BYTES));
            }
            assertThat(words.nextWord()).as("word %d", i).isEqualTo(block.getLong());
        }
    }

    @Test
    void blockSizeChangesTheStreamAfterTheFirstBlock() {
        // Why the block size is frozen: one 512-byte call differs from two 256-byte calls.
        final byte[] seed = TestSeeds.golden();
        final ReferenceHmacDrbg inTwoCalls = new ReferenceHmacDrbg(seed, new byte[0], new byte[0]);
        final ReferenceHmacDrbg inOneCall = new ReferenceHmacDrbg(seed, new byte[0], new byte[0]);

        inTwoCalls.generate(256);
        final byte[] secondBlock = inTwoCalls.generate(256);
        final byte[] oneCall = inOneCall.generate(512);

        assertThat(Arrays.copyOfRange(oneCall, 256, 512)).isNotEqualTo(secondBlock);
    }

    @Test
    void nullNonceAndPersonalizationGiveTheSameStreamAsEmptyOnes() {
        final byte[] seed = TestSeeds.golden();
        final byte[] withEmpty = new byte[DrbgWordSource.BLOCK_BYTES];
        final byte[] withNull = new byte[DrbgWordSource.BLOCK_BYTES];

        HmacDrbg.instantiate(seed, new byte[0], new byte[0]).generate(withEmpty, null, false);
        new HMacSP800DRBG(new HMac(new SHA256Digest()), HmacDrbg.SECURITY_STRENGTH_BITS, fixedEntropy(seed), null, null)
                .generate(withNull, null, false);

        assertThat(withEmpty).isEqualTo(withNull);
    }

    @Test
    void goldenSeedGivesTheDocumentedWords() {
        final WordSource words = DrbgWordSource.fromSeed(TestSeeds.golden());
        final long[] stream = new long[34];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = words.nextWord();
        }

        assertThat(Arrays.copyOfRange(stream, 0, 4))
                .as("first words of the stream for seed 00..1f, listed in docs/draw-algorithm.md")
                .containsExactly(0x3226437dd9f98b17L, 0x591aad7313833032L, 0x13439f64d029a576L, 0x4e84e36256ddeb79L);
        assertThat(Arrays.copyOfRange(stream, 31, 34))
                .as("last word of the first block and first words of the second, listed in docs/draw-algorithm.md")
                .containsExactly(0x97b2b5cd6437ecacL, 0x45723d6598d31caeL, 0x738a7c7b2df10558L);
    }

    @Test
    void refusesToReseedBecauseTheStreamMustFollowFromTheSeedAlone() {
        final SP80090DRBG drbg = HmacDrbg.instantiate(TestSeeds.golden(), new byte[0], new byte[0]);

        assertThatIllegalStateException().isThrownBy(() -> drbg.reseed(null));
    }

    @Test
    void rejectsEntropyInputShorterThanTheSecurityStrength() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HmacDrbg.instantiate(new byte[31], new byte[0], new byte[0]));
    }

    private static EntropySource fixedEntropy(final byte[] entropyInput) {
        return new EntropySource() {
            @Override
            public boolean isPredictionResistant() {
                return false;
            }

            @Override
            public byte[] getEntropy() {
                return entropyInput.clone();
            }

            @Override
            public int entropySize() {
                return entropyInput.length * 8;
            }
        };
    }
}
