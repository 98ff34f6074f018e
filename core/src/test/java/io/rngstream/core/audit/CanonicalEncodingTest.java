package io.rngstream.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.rngstream.avro.AuditKind;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.Checkpoint;
import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.avro.RequestError;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CanonicalEncodingTest {

    private static final HexFormat HEX = HexFormat.of();

    // The worked example of docs/verification.md: frozen, any change breaks every recorded signature.
    static final String GOLDEN_DRAW = "00000012726e672d73747265616d2f647261772f7631"
            + "000000087265712d30303031"
            + "00000005616c696365"
            + "0000000000000001"
            + "0000000000000031"
            + "00000006"
            + "01"
            + "000000024f4b"
            + "00000000"
            + "00000006" + "0000000000000030" + "000000000000002b" + "000000000000000f" + "0000000000000010"
            + "0000000000000009" + "0000000000000004"
            + "00000020000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
            + "00000006434c49454e54"
            + "0000001c484d41435f445242472d5348413235362f756e6269617365642d7631"
            + "00000006333a31303432"
            + "00000007726f756e642037"
            + "0000019421bcaa7b";
    static final String GOLDEN_SIGNATURE = "2e9547ddd5902520a5d66bed7b42c732a6b32e604f3ee730e472ae37fc722991"
            + "5b0ef7cd9d29cf7697fad97312ee5abf32d8ab179c6fe2e52a11e65e1df2bc0e";
    static final String GOLDEN_AUDIT_HASH = "a94ba2512a2676cb6dc1e7e5a712608922827d9614a5a4ccfd84069af0741c5b";
    static final String GOLDEN_CHECKPOINT = "00000018726e672d73747265616d2f636865636b706f696e742f7631"
            + "00000003"
            + "0000000000000000"
            + "00000020a94ba2512a2676cb6dc1e7e5a712608922827d9614a5a4ccfd84069af0741c5b"
            + "0000019421bd9460";

    @Test
    void drawEncodingOfTheWorkedExampleIsFrozen() {
        assertThat(HEX.formatHex(CanonicalEncoding.draw(TestDraws.goldenReply()))).isEqualTo(GOLDEN_DRAW);
    }

    @Test
    void signatureOfTheWorkedExampleIsFrozen() {
        // Ed25519 is deterministic: with the RFC 8032 test key anyone can reproduce this signature.
        final RandomReply signed = ReplySigner.sign(TestDraws.goldenReply(), TestDraws.RFC8032_KEY);

        assertThat(HEX.formatHex(ChainHead.bytes(signed.getSignature()))).isEqualTo(GOLDEN_SIGNATURE);
        assertThat(signed.getKeyId()).isEqualTo("21fe31dfa154a261");
    }

    @Test
    void auditHashOfTheWorkedExampleIsFrozen() {
        final AuditRecord linked = ChainLink.link(3, null, goldenAudit());

        assertThat(CanonicalEncoding.auditEntry(3, linked)).hasSize(558);
        assertThat(HEX.formatHex(ChainHead.bytes(linked.getHash()))).isEqualTo(GOLDEN_AUDIT_HASH);
    }

    @Test
    void checkpointEncodingOfTheWorkedExampleIsFrozen() {
        final byte[] encoding = CanonicalEncoding.checkpoint(3, 0, HEX.parseHex(GOLDEN_AUDIT_HASH),
                Instant.parse("2025-01-01T12:01:00Z").toEpochMilli());

        assertThat(HEX.formatHex(encoding)).isEqualTo(GOLDEN_CHECKPOINT);
    }

    @Test
    void drawFromAuditEqualsTheDrawOfTheReplyTheRecordCopies() {
        final RandomReply signed = ReplySigner.sign(TestDraws.goldenReply(), TestDraws.RFC8032_KEY);

        assertThat(CanonicalEncoding.drawFromAudit(TestDraws.auditOf(signed, 3, 1042).build()))
                .isEqualTo(CanonicalEncoding.draw(signed));
    }

    @Test
    void drawFromAuditEqualsTheDrawOfARejectedReply() {
        final RandomReply rejected = rejected();

        assertThat(CanonicalEncoding.drawFromAudit(TestDraws.auditOf(rejected, 0, 7).build()))
                .isEqualTo(CanonicalEncoding.draw(rejected));
    }

    @Test
    void rejectedReplyEncodesTheErrorCodeButNotItsMessage() {
        final RandomReply rejected = rejected();
        final RandomReply otherMessage = RandomReply.newBuilder(rejected)
                .setError(RequestError.newBuilder().setCode(ErrorCode.INVALID_BOUNDS).setMessage("reworded").build())
                .build();
        final RandomReply otherCode = RandomReply.newBuilder(rejected)
                .setError(RequestError.newBuilder().setCode(ErrorCode.INVALID_COUNT).setMessage("min > max").build())
                .build();

        assertThat(HEX.formatHex(CanonicalEncoding.draw(rejected)))
                .contains("0000000852454a4543544544" + "0000000e494e56414c49445f424f554e4453" + "00000000" + "ffffffff");
        assertThat(CanonicalEncoding.draw(otherMessage)).isEqualTo(CanonicalEncoding.draw(rejected));
        assertThat(CanonicalEncoding.draw(otherCode)).isNotEqualTo(CanonicalEncoding.draw(rejected));
    }

    @Test
    void signatureKeyIdAndDuplicateAreNotPartOfTheDraw() {
        final RandomReply reply = TestDraws.goldenReply();
        final RandomReply marked = RandomReply.newBuilder(reply).setDuplicate(true).setKeyId("0011223344556677")
                .setSignature(ByteBuffer.wrap(new byte[64])).build();

        assertThat(CanonicalEncoding.draw(marked)).isEqualTo(CanonicalEncoding.draw(reply));
    }

    @Test
    void everySignedFieldChangesTheDrawEncoding() {
        final byte[] golden = CanonicalEncoding.draw(TestDraws.goldenReply());
        final List<UnaryOperator<RandomReply.Builder>> changes = List.of(
                b -> b.setRequestId("req-0002"), b -> b.setClientId("bob"), b -> b.setMin(0), b -> b.setMax(50),
                b -> b.setCount(5), b -> b.setUnique(false), b -> b.setStatus(ReplyStatus.REJECTED),
                b -> b.setError(RequestError.newBuilder().setCode(ErrorCode.UNKNOWN).setMessage("").build()),
                b -> b.setNumbers(List.of(48L, 43L, 15L, 16L, 9L, 5L)), b -> b.setSeed(null),
                b -> b.setSeedSource(null), b -> b.setSeedSource("NativePRNGNonBlocking"), b -> b.setAlgorithm("v2"),
                b -> b.setSerial("3:1043"), b -> b.setUserData(null), b -> b.setUserData(""),
                b -> b.setGeneratedAt(Instant.parse("2025-01-01T12:00:00.124Z")));

        for (int i = 0; i < changes.size(); i++) {
            final RandomReply changed = changes.get(i).apply(RandomReply.newBuilder(TestDraws.goldenReply())).build();
            assertThat(CanonicalEncoding.draw(changed)).as("change %d", i).isNotEqualTo(golden);
        }
    }

    @Test
    void nullAndEmptyAreDistinct() {
        final RandomReply withNull = RandomReply.newBuilder(TestDraws.goldenReply()).setUserData(null).build();
        final RandomReply withEmpty = RandomReply.newBuilder(TestDraws.goldenReply()).setUserData("").build();

        assertThat(HEX.formatHex(CanonicalEncoding.draw(withNull))).endsWith("ffffffff" + "0000019421bcaa7b");
        assertThat(HEX.formatHex(CanonicalEncoding.draw(withEmpty))).endsWith("00000000" + "0000019421bcaa7b");
    }

    @Test
    void stringsAreUtf8AndLengthsCountBytes() {
        final RandomReply reply = RandomReply.newBuilder(TestDraws.goldenReply()).setUserData("é€").build();

        assertThat(HEX.formatHex(CanonicalEncoding.draw(reply))).endsWith("00000005" + "c3a9e282ac" + "0000019421bcaa7b");
    }

    @Test
    void generatedAtIsEncodedInWholeMilliseconds() {
        final RandomReply precise = RandomReply.newBuilder(TestDraws.goldenReply())
                .setGeneratedAt(Instant.parse("2025-01-01T12:00:00.123999Z")).build();

        assertThat(CanonicalEncoding.draw(precise)).isEqualTo(CanonicalEncoding.draw(TestDraws.goldenReply()));
    }

    @Test
    void everyFieldOfAnAuditRecordButTheHashChangesItsEntry() {
        final AuditRecord linked = ChainLink.link(3, null, goldenAudit());
        final byte[] entry = CanonicalEncoding.auditEntry(3, linked);
        final Checkpoint checkpoint = Checkpoint.newBuilder().setPartition(3).setSequence(0)
                .setHash(ByteBuffer.wrap(new byte[32])).setTime(Instant.EPOCH).setSignature(ByteBuffer.wrap(new byte[64]))
                .setKeyId("k").build();
        final List<UnaryOperator<AuditRecord.Builder>> changes = List.of(
                b -> b.setSequence(1L), b -> b.setPrevHash(ByteBuffer.wrap(new byte[] {1})),
                b -> b.setKind(AuditKind.DUPLICATE), b -> b.setNumbers(List.of()),
                b -> b.setError(RequestError.newBuilder().setCode(ErrorCode.UNKNOWN).setMessage("x").build()),
                b -> b.setSignature(null), b -> b.setKeyId(null), b -> b.setSourceTopic("other"),
                b -> b.setSourcePartition(4), b -> b.setSourceOffset(1043), b -> b.setReplyTopic("mine"),
                b -> b.setReceivedAt(Instant.EPOCH), b -> b.setRequestedAt(Instant.EPOCH),
                b -> b.setRequestSeed(ByteBuffer.wrap(new byte[32])), b -> b.setCorrelationId(null),
                b -> b.setProcessorInstanceId("processor-1"), b -> b.setProcessorVersion("0.2.0"),
                b -> b.setTraceId(null), b -> b.setDuplicateOf("3:1"), b -> b.setCheckpoint(checkpoint));

        for (int i = 0; i < changes.size(); i++) {
            final AuditRecord changed = changes.get(i).apply(AuditRecord.newBuilder(linked)).build();
            assertThat(CanonicalEncoding.auditEntry(3, changed)).as("change %d", i).isNotEqualTo(entry);
        }
        assertThat(CanonicalEncoding.auditEntry(4, linked)).as("another partition").isNotEqualTo(entry);
        final AuditRecord otherHash = AuditRecord.newBuilder(linked).setHash(ByteBuffer.wrap(new byte[32])).build();
        assertThat(CanonicalEncoding.auditEntry(3, otherHash)).as("the hash itself").isEqualTo(entry);
    }

    @Test
    void auditEntryNeedsASequence() {
        assertThatIllegalArgumentException().isThrownBy(() -> CanonicalEncoding.auditEntry(0, goldenAudit()))
                .withMessageContaining("sequence");
    }

    @Test
    void zeroHashIsThirtyTwoZeroBytes() {
        assertThat(CanonicalEncoding.ZERO_HASH).hasSize(32).containsOnly(0);
        assertThat(CanonicalEncoding.zeroHash()).isEqualTo(CanonicalEncoding.ZERO_HASH);
    }

    @Test
    void hashIsSha256() {
        assertThat(HEX.formatHex(CanonicalEncoding.hash(new byte[0])))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    /** The audit record of the signed worked example, as partition 3 of the audit topic would hold it. */
    static AuditRecord goldenAudit() {
        final RandomReply signed = ReplySigner.sign(TestDraws.goldenReply(), TestDraws.RFC8032_KEY);
        return TestDraws.auditOf(signed, 3, 1042).build();
    }

    private static RandomReply rejected() {
        return RandomReply.newBuilder()
                .setRequestId("req-0002").setClientId("alice").setStatus(ReplyStatus.REJECTED)
                .setError(RequestError.newBuilder().setCode(ErrorCode.INVALID_BOUNDS).setMessage("min > max").build())
                .setNumbers(List.of()).setMin(9).setMax(1).setCount(1).setUnique(false)
                .setAlgorithm(TestDraws.goldenReply().getAlgorithm()).setSerial("0:7")
                .setGeneratedAt(Instant.parse("2025-01-01T12:00:00Z"))
                .build();
    }
}
