package io.rngstream.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.rngstream.avro.AuditKind;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.Checkpoint;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.core.generation.HmacDrbgUnbiasedV1;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChainLinkTest {

    private static final long TIME = Instant.parse("2025-01-01T12:01:00Z").toEpochMilli();

    @Test
    void firstRecordHasSequenceZeroAndZeroPrevHash() {
        final AuditRecord linked = ChainLink.link(3, null, CanonicalEncodingTest.goldenAudit());

        assertThat(linked.getSequence()).isZero();
        assertThat(ChainHead.bytes(linked.getPrevHash())).isEqualTo(CanonicalEncoding.zeroHash());
        assertThat(ChainHead.bytes(linked.getHash()))
                .isEqualTo(CanonicalEncoding.hash(CanonicalEncoding.auditEntry(3, linked)));
    }

    @Test
    void nextRecordLinksToTheHead() {
        final AuditRecord first = ChainLink.link(3, null, CanonicalEncodingTest.goldenAudit());
        final ChainHead head = ChainHead.of(first);

        final AuditRecord second = ChainLink.link(3, head, CanonicalEncodingTest.goldenAudit());

        assertThat(second.getSequence()).isEqualTo(1);
        assertThat(ChainHead.bytes(second.getPrevHash())).isEqualTo(head.hash());
        assertThat(ChainHead.bytes(second.getHash())).isNotEqualTo(head.hash())
                .isEqualTo(CanonicalEncoding.hash(CanonicalEncoding.auditEntry(3, second)));
    }

    @Test
    void linkingDoesNotModifyTheUnlinkedRecord() {
        final AuditRecord unlinked = CanonicalEncodingTest.goldenAudit();

        ChainLink.link(3, null, unlinked);

        assertThat(unlinked.getSequence()).isNull();
        assertThat(unlinked.getPrevHash()).isNull();
        assertThat(unlinked.getHash()).isNull();
    }

    @Test
    void linkingABuilderGivesTheSameRecord() {
        final AuditRecord unlinked = CanonicalEncodingTest.goldenAudit();

        assertThat(ChainLink.link(3, null, AuditRecord.newBuilder(unlinked)))
                .isEqualTo(ChainLink.link(3, null, unlinked));
    }

    @Test
    void theSameRecordLinksToADifferentHashInAnotherPartition() {
        final AuditRecord unlinked = CanonicalEncodingTest.goldenAudit();

        assertThat(ChainLink.link(4, null, unlinked).getHash()).isNotEqualTo(ChainLink.link(3, null, unlinked).getHash());
    }

    @Test
    void chainHeadRoundTripsThroughItsStateStoreBytes() {
        final ChainHead head = new ChainHead(123_456_789_012L, TestDraws.sha256(new byte[] {1}));

        final byte[] bytes = head.toBytes();

        assertThat(bytes).hasSize(41).startsWith(1, 0, 0, 0, 0x1c, (byte) 0xbe, (byte) 0x99, 0x1a, 0x14);
        assertThat(ChainHead.fromBytes(bytes)).isEqualTo(head);
    }

    @Test
    void chainHeadRejectsBadValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> ChainHead.fromBytes(new byte[40]));
        assertThatIllegalArgumentException().isThrownBy(() -> ChainHead.fromBytes(new byte[41]))
                .withMessageContaining("starting with 1");
        assertThatIllegalArgumentException().isThrownBy(() -> new ChainHead(-1, new byte[32]));
        assertThatIllegalArgumentException().isThrownBy(() -> new ChainHead(0, new byte[31]));
        assertThatIllegalArgumentException().isThrownBy(() -> ChainHead.of(CanonicalEncodingTest.goldenAudit()));
    }

    @Test
    void checkpointRecordSignsTheHeadAndCarriesThePlaceholders() {
        final ChainHead head = ChainHead.of(ChainLink.link(3, null, CanonicalEncodingTest.goldenAudit()));

        final AuditRecord record = ChainLink.checkpointRecord(3, head, TIME, TestDraws.RFC8032_KEY,
                HmacDrbgUnbiasedV1.ID, "processor-0", "0.1.0", "rng.requests.v1");

        final Checkpoint checkpoint = record.getCheckpoint();
        assertThat(record.getKind()).isEqualTo(AuditKind.CHECKPOINT);
        assertThat(checkpoint.getPartition()).isEqualTo(3);
        assertThat(checkpoint.getSequence()).isZero();
        assertThat(ChainHead.bytes(checkpoint.getHash())).isEqualTo(head.hash());
        assertThat(checkpoint.getTime().toEpochMilli()).isEqualTo(TIME);
        assertThat(checkpoint.getKeyId()).isEqualTo("21fe31dfa154a261");
        assertThat(TestDraws.RFC8032_KEY.publicKey().verify(
                CanonicalEncoding.checkpoint(3, 0, head.hash(), TIME), ChainHead.bytes(checkpoint.getSignature())))
                .isTrue();
        assertThat(record.getRequestId()).isEqualTo("checkpoint");
        assertThat(record.getClientId()).isEqualTo("rng-processor");
        assertThat(record.getSerial()).isEqualTo("checkpoint");
        assertThat(record.getMin()).isZero();
        assertThat(record.getMax()).isZero();
        assertThat(record.getCount()).isZero();
        assertThat(record.getUnique()).isFalse();
        assertThat(record.getStatus()).isEqualTo(ReplyStatus.OK);
        assertThat(record.getNumbers()).isEmpty();
        assertThat(record.getSeed()).isNull();
        assertThat(record.getAlgorithm()).isEqualTo(HmacDrbgUnbiasedV1.ID);
        assertThat(record.getSourceTopic()).isEqualTo("rng.requests.v1");
        assertThat(record.getSourcePartition()).isEqualTo(3);
        assertThat(record.getSourceOffset()).isEqualTo(-1);
        assertThat(record.getReplyTopic()).isEmpty();
        assertThat(record.getRequestedAt()).isEqualTo(record.getReceivedAt()).isEqualTo(record.getGeneratedAt())
                .isEqualTo(Instant.ofEpochMilli(TIME));
        assertThat(record.getSignature()).isNull();
        assertThat(record.getKeyId()).isNull();
        assertThat(record.getSequence()).as("unlinked").isNull();
    }

    @Test
    void checkpointOfTheWorkedExampleIsFrozen() {
        final ChainHead head = ChainHead.of(ChainLink.link(3, null, CanonicalEncodingTest.goldenAudit()));

        final AuditRecord record = ChainLink.checkpointRecord(3, head, TIME, TestDraws.RFC8032_KEY,
                HmacDrbgUnbiasedV1.ID, "processor-0", "0.1.0", "rng.requests.v1");

        assertThat(HexFormat.of().formatHex(ChainHead.bytes(record.getCheckpoint().getSignature())))
                .isEqualTo("8061eef4604b8a565af7cebb3a6320e2b36126f04ee33fb6d8ede414ad9e09d8"
                        + "13b9529374536d82d0e90342e9a71a2082dda77c5db52ad3ed8f8d5e75610f09");
    }

    @Test
    void anEmptyChainHasNothingToCheckpoint() {
        assertThatNullPointerException().isThrownBy(() -> ChainLink.checkpointRecord(0, null, TIME,
                TestDraws.RFC8032_KEY, HmacDrbgUnbiasedV1.ID, "p", "v", "t")).withMessageContaining("empty chain");
    }
}
