package io.rngstream.core.audit;

import io.rngstream.avro.RandomReply;
import io.rngstream.core.signing.SigningKey;
import java.nio.ByteBuffer;

/** Signs replies: the signature over {@link CanonicalEncoding#draw(RandomReply)} and the key id go into the reply. */
public final class ReplySigner {

    private ReplySigner() {
    }

    /**
     * A signed copy of a reply.
     *
     * @param reply a complete reply; its signature and keyId, if any, are replaced
     * @param key   the processor's key
     * @return a copy with signature and keyId set; {@code reply} is not modified
     */
    public static RandomReply sign(final RandomReply reply, final SigningKey key) {
        return sign(RandomReply.newBuilder(reply), key);
    }

    /**
     * Signs a reply still being built (saves a copy).
     *
     * @param reply a builder with every field of the draw set
     * @param key   the processor's key
     * @return the signed reply
     */
    public static RandomReply sign(final RandomReply.Builder reply, final SigningKey key) {
        final RandomReply unsigned = reply.setSignature(null).setKeyId(null).build();
        unsigned.setSignature(ByteBuffer.wrap(key.sign(CanonicalEncoding.draw(unsigned))));
        unsigned.setKeyId(key.keyId());
        return unsigned;
    }
}
