package io.rngstream.core.generation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DrawAlgorithmsTest {

    @Test
    void currentAlgorithmIsHmacDrbgUnbiasedV1() {
        assertThat(DrawAlgorithms.current().id()).isEqualTo(HmacDrbgUnbiasedV1.ID);
    }

    @Test
    void findsTheCurrentAlgorithmByItsId() {
        assertThat(DrawAlgorithms.byId(HmacDrbgUnbiasedV1.ID)).containsSame(DrawAlgorithms.current());
    }

    @Test
    void findsNothingForAnUnknownId() {
        assertThat(DrawAlgorithms.byId("HMAC_DRBG-SHA256/unbiased-v0")).isEmpty();
        assertThat(DrawAlgorithms.byId("hmac_drbg-sha256/unbiased-v1")).as("ids are case-sensitive").isEmpty();
    }
}
