package io.rngstream.core.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bouncycastle.crypto.prng.drbg.SP80090DRBG;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HmacDrbgNistVectorsTest {

    private static final String RESOURCE = "/HMAC_DRBG-SHA256-no-reseed.rsp";

    static List<CavpVectors.Vector> vectors() {
        return CavpVectors.load(RESOURCE);
    }

    @Test
    void readsAllSevenVectorsFromTheResponseFile() {
        assertThat(vectors()).as("a parser that finds nothing would let the vector tests pass vacuously").hasSize(7);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void drbgAsWeConstructItReturnsTheNistBits(final CavpVectors.Vector vector) {
        final SP80090DRBG drbg = HmacDrbg.instantiate(vector.entropyInput(), vector.nonce(), vector.personalization());
        final byte[] returned = new byte[vector.returnedBits().length];

        drbg.generate(returned, null, false);
        drbg.generate(returned, null, false);

        assertThat(returned).isEqualTo(vector.returnedBits());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void referenceImplementationReturnsTheNistBits(final CavpVectors.Vector vector) {
        final ReferenceHmacDrbg reference =
                new ReferenceHmacDrbg(vector.entropyInput(), vector.nonce(), vector.personalization());
        final int bytes = vector.returnedBits().length;

        reference.generate(bytes);

        assertThat(reference.generate(bytes)).isEqualTo(vector.returnedBits());
    }
}
