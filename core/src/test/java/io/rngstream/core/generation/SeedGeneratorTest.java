package io.rngstream.core.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class SeedGeneratorTest {

    private final SeedGenerator generator = new SeedGenerator();

    @Test
    void seedsAre32Bytes() {
        assertThat(generator.nextSeed()).hasSize(DrawAlgorithm.SEED_BYTES);
    }

    @Test
    void seedsDiffer() {
        final Set<String> seeds = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            seeds.add(HexFormat.of().formatHex(generator.nextSeed()));
        }

        assertThat(seeds).hasSize(100);
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void usesTheNonBlockingNativeSourceOnUnix() {
        assertThat(generator.sourceName()).isEqualTo("NativePRNGNonBlocking");
    }

    @Test
    void reportsTheAlgorithmOfItsSource() throws Exception {
        final SeedGenerator fromSha1Prng = new SeedGenerator(SecureRandom.getInstance("SHA1PRNG"));

        assertThat(fromSha1Prng.sourceName()).isEqualTo("SHA1PRNG");
    }
}
