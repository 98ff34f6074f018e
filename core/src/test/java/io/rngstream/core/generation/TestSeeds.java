package io.rngstream.core.generation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Fixed seeds for deterministic tests. */
final class TestSeeds {

    private TestSeeds() {
    }

    /** The golden seed 00 01 02 ... 1f, also used in docs/draw-algorithm.md. */
    static byte[] golden() {
        return HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    }

    /** SHA-256 of the label: a stable seed whose name says what it is for. */
    static byte[] of(final String label) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8));
        } catch (final NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
