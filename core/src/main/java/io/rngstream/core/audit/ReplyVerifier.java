package io.rngstream.core.audit;

import io.rngstream.avro.RandomReply;
import io.rngstream.core.signing.KeyRing;
import io.rngstream.core.signing.PublicKey;
import java.util.Optional;

/** Checks one reply: its signature with the key it names, and for OK replies that the seed gives its numbers. */
public final class ReplyVerifier {

    private ReplyVerifier() {
    }

    /**
     * Verifies a reply against trusted keys.
     *
     * @param reply the reply as received (duplicate or not: the signature is the original's)
     * @param keys  the keys the service publishes on /keys
     * @return empty when the reply is genuine, else why not
     */
    public static Optional<String> verify(final RandomReply reply, final KeyRing keys) {
        if (reply.getSignature() == null) {
            return Optional.of("the reply is not signed");
        }
        final String keyId = reply.getKeyId();
        if (keyId == null) {
            return Optional.of("the reply does not name the key that signed it (no keyId)");
        }
        if (keys.find(keyId).isEmpty()) {
            return Optional.of("the reply is signed with key " + keyId + ", which is not among the trusted keys "
                    + keys.entries().stream().map(KeyRing.Entry::keyId).toList());
        }
        final byte[] encoding;
        try {
            encoding = CanonicalEncoding.draw(reply);
        } catch (final IllegalArgumentException e) {
            return Optional.of("the reply cannot be encoded: " + e.getMessage());
        }
        if (!keys.verify(keyId, encoding, ChainHead.bytes(reply.getSignature()))) {
            return Optional.of("the signature does not verify with key " + keyId
                    + ": the reply was altered after signing, or signed by another key");
        }
        return DrawCheck.check(reply.getStatus(), reply.getAlgorithm(), reply.getSeed(), reply.getMin(),
                reply.getMax(), reply.getCount(), reply.getUnique(), reply.getNumbers())
                .map(problem -> problem.kind() == Finding.Kind.UNKNOWN_ALGORITHM
                        ? problem.detail() + ", so its numbers cannot be re-derived"
                        : "the numbers do not follow from the seed: " + problem.detail());
    }

    /**
     * Verifies a reply against one trusted key.
     *
     * @param reply the reply as received
     * @param key   the service's public key
     * @return empty when the reply is genuine, else why not
     */
    public static Optional<String> verify(final RandomReply reply, final PublicKey key) {
        return verify(reply, KeyRing.of(key));
    }
}
