package io.rngstream.core.audit;

import io.rngstream.avro.AuditKind;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.core.generation.DrawAlgorithms;
import io.rngstream.core.generation.DrawSpec;
import io.rngstream.core.generation.HmacDrbgUnbiasedV1;
import io.rngstream.core.signing.Ed25519Keys;
import io.rngstream.core.signing.SigningKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Replies and audit records as the processor makes them, built in memory for tests and the benchmark. */
final class TestDraws {

    /** RFC 8032 section 7.1, test 1: a key whose signatures anyone can reproduce. */
    static final SigningKey RFC8032_KEY = Ed25519Keys.fromSeed(
            hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

    static final String REQUEST_TOPIC = "rng.requests.v1";
    static final String REPLY_TOPIC = "rng.replies.v1";

    private TestDraws() {
    }

    /** The unsigned reply of the worked example in docs/verification.md. */
    static RandomReply goldenReply() {
        return RandomReply.newBuilder()
                .setRequestId("req-0001")
                .setClientId("alice")
                .setStatus(ReplyStatus.OK)
                .setError(null)
                .setNumbers(List.of(48L, 43L, 15L, 16L, 9L, 4L))
                .setMin(1)
                .setMax(49)
                .setCount(6)
                .setUnique(true)
                .setSeed(ByteBuffer.wrap(goldenSeed()))
                .setSeedSource("CLIENT")
                .setAlgorithm(HmacDrbgUnbiasedV1.ID)
                .setSerial("3:1042")
                .setUserData("round 7")
                .setGeneratedAt(Instant.parse("2025-01-01T12:00:00.123Z"))
                .build();
    }

    /** 00 01 02 ... 1f, the seed of docs/draw-algorithm.md's worked example. */
    static byte[] goldenSeed() {
        final byte[] seed = new byte[32];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) i;
        }
        return seed;
    }

    /** A correct, unsigned OK reply: draw number {@code n} of a client, seed derived from n. */
    static RandomReply reply(final int partition, final long n, final long min, final long max, final int count,
            final boolean unique) {
        final byte[] seed = sha256(("seed-" + partition + "-" + n).getBytes(StandardCharsets.UTF_8));
        final long[] numbers = DrawAlgorithms.current().draw(seed, new DrawSpec(min, max, count, unique));
        return RandomReply.newBuilder()
                .setRequestId("req-" + n)
                .setClientId("client-" + (n % 7))
                .setStatus(ReplyStatus.OK)
                .setNumbers(Arrays.stream(numbers).boxed().toList())
                .setMin(min)
                .setMax(max)
                .setCount(count)
                .setUnique(unique)
                .setSeed(ByteBuffer.wrap(seed))
                .setSeedSource("NativePRNGNonBlocking")
                .setAlgorithm(DrawAlgorithms.current().id())
                .setSerial(partition + ":" + n)
                .setUserData(n % 3 == 0 ? null : "user data " + n)
                .setGeneratedAt(Instant.ofEpochMilli(1_735_732_800_000L + n))
                .build();
    }

    /** The unlinked audit record the processor writes for a reply. */
    static AuditRecord.Builder auditOf(final RandomReply reply, final int partition, final long sourceOffset) {
        return AuditRecord.newBuilder()
                .setKind(reply.getDuplicate() ? AuditKind.DUPLICATE : AuditKind.DRAW)
                .setRequestId(reply.getRequestId())
                .setClientId(reply.getClientId())
                .setMin(reply.getMin())
                .setMax(reply.getMax())
                .setCount(reply.getCount())
                .setUnique(reply.getUnique())
                .setRequestSeed(null)
                .setUserData(reply.getUserData())
                .setRequestedAt(reply.getGeneratedAt().minusMillis(5))
                .setStatus(reply.getStatus())
                .setError(reply.getError())
                .setNumbers(reply.getNumbers())
                .setSeed(reply.getSeed())
                .setSeedSource(reply.getSeedSource())
                .setAlgorithm(reply.getAlgorithm())
                .setSerial(reply.getSerial())
                .setSourceTopic(REQUEST_TOPIC)
                .setSourcePartition(partition)
                .setSourceOffset(sourceOffset)
                .setReplyTopic(REPLY_TOPIC)
                .setCorrelationId(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .setProcessorInstanceId("processor-0")
                .setProcessorVersion("0.1.0-SNAPSHOT")
                .setReceivedAt(reply.getGeneratedAt().minusMillis(2))
                .setGeneratedAt(reply.getGeneratedAt())
                .setTraceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .setSignature(reply.getSignature())
                .setKeyId(reply.getKeyId())
                .setDuplicateOf(reply.getDuplicate() ? reply.getSerial() : null);
    }

    static byte[] hex(final String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static byte[] sha256(final byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
