package io.rngstream.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.avro.RequestError;
import io.rngstream.core.signing.Ed25519Keys;
import io.rngstream.core.signing.KeyRing;
import io.rngstream.core.signing.SigningKey;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyVerifierTest {

    private static final SigningKey KEY = TestDraws.RFC8032_KEY;
    private static final KeyRing RING = KeyRing.of(KEY.publicKey());

    @Test
    void signedReplyVerifies() {
        assertThat(ReplyVerifier.verify(ReplySigner.sign(TestDraws.goldenReply(), KEY), RING)).isEmpty();
        assertThat(ReplyVerifier.verify(ReplySigner.sign(TestDraws.goldenReply(), KEY), KEY.publicKey())).isEmpty();
    }

    @Test
    void duplicateReplyVerifiesWithTheOriginalSignature() {
        final RandomReply duplicate = RandomReply.newBuilder(ReplySigner.sign(TestDraws.goldenReply(), KEY))
                .setDuplicate(true).build();

        assertThat(ReplyVerifier.verify(duplicate, RING)).isEmpty();
    }

    @Test
    void signedRejectionVerifies() {
        final RandomReply rejected = RandomReply.newBuilder(TestDraws.goldenReply()).setStatus(ReplyStatus.REJECTED)
                .setError(RequestError.newBuilder().setCode(ErrorCode.RATE_LIMITED).setMessage("slow down").build())
                .setNumbers(List.of()).setSeed(null).setSeedSource(null).build();

        assertThat(ReplyVerifier.verify(ReplySigner.sign(rejected, KEY), RING)).isEmpty();
    }

    @Test
    void changedNumberIsCaughtBySignature() {
        final RandomReply signed = ReplySigner.sign(TestDraws.goldenReply(), KEY);
        final RandomReply tampered = RandomReply.newBuilder(signed).setNumbers(List.of(48L, 43L, 15L, 16L, 9L, 5L))
                .build();

        assertThat(ReplyVerifier.verify(tampered, RING)).hasValueSatisfying(
                reason -> assertThat(reason).contains("signature does not verify with key 21fe31dfa154a261"));
    }

    @Test
    void changedGenerationTimeIsCaught() {
        final RandomReply signed = ReplySigner.sign(TestDraws.goldenReply(), KEY);
        final RandomReply tampered = RandomReply.newBuilder(signed)
                .setGeneratedAt(Instant.parse("2025-01-01T12:00:00.124Z")).build();

        assertThat(ReplyVerifier.verify(tampered, RING)).isPresent();
    }

    @Test
    void replySignedWithAnotherKeyIsCaught() {
        final SigningKey other = Ed25519Keys.generate();

        assertThat(ReplyVerifier.verify(ReplySigner.sign(TestDraws.goldenReply(), other), RING)).hasValueSatisfying(
                reason -> assertThat(reason).contains("key " + other.keyId()).contains("not among the trusted keys"));
        assertThat(ReplyVerifier.verify(RandomReply.newBuilder(ReplySigner.sign(TestDraws.goldenReply(), other))
                .setKeyId(KEY.keyId()).build(), RING)).hasValueSatisfying(
                        reason -> assertThat(reason).contains("signature does not verify"));
    }

    @Test
    void unsignedReplyIsCaught() {
        assertThat(ReplyVerifier.verify(TestDraws.goldenReply(), RING)).contains("the reply is not signed");
        assertThat(ReplyVerifier.verify(RandomReply.newBuilder(TestDraws.goldenReply())
                .setSignature(ByteBuffer.wrap(new byte[64])).build(), RING)).hasValueSatisfying(
                        reason -> assertThat(reason).contains("no keyId"));
    }

    @Test
    void signedNumbersThatDoNotFollowFromTheSeedAreCaught() {
        final RandomReply wrong = RandomReply.newBuilder(TestDraws.goldenReply())
                .setNumbers(List.of(1L, 2L, 3L, 4L, 5L, 6L)).build();

        assertThat(ReplyVerifier.verify(ReplySigner.sign(wrong, KEY), RING)).hasValueSatisfying(
                reason -> assertThat(reason).contains("numbers[0] is 1 but the seed gives 48"));
    }

    @Test
    void signingReplacesAnEarlierSignature() {
        final RandomReply signedTwice = ReplySigner.sign(ReplySigner.sign(TestDraws.goldenReply(),
                Ed25519Keys.generate()), KEY);

        assertThat(ReplyVerifier.verify(signedTwice, RING)).isEmpty();
    }
}
