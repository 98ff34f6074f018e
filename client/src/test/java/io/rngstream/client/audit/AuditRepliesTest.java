package io.rngstream.client.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.avro.AuditKind;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.RandomReply;
import io.rngstream.client.testing.AuditChains;
import io.rngstream.core.audit.ReplyVerifier;
import io.rngstream.core.signing.Ed25519Keys;
import io.rngstream.core.signing.SigningKey;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AuditRepliesTest {
  private static final SigningKey KEY = Ed25519Keys.generate();

  @Test
  void rebuildsTheSignedReplyOfADrawRecord() {
    final AuditRecord draw = AuditChains.drawRecord(2, 41, new Random(1), KEY);

    final RandomReply reply = AuditReplies.replyOf(draw).orElseThrow();

    assertThat(reply.getRequestId()).isEqualTo(draw.getRequestId());
    assertThat(reply.getNumbers()).isEqualTo(draw.getNumbers());
    assertThat(reply.getSerial()).isEqualTo("2:41");
    assertThat(reply.getDuplicate()).isFalse();
    assertThat(ReplyVerifier.verify(reply, KEY.publicKey())).as("the original signature still verifies").isEmpty();
  }

  @Test
  void marksTheReplyOfADuplicateRecordAsADuplicate() {
    final AuditRecord duplicate = AuditRecord.newBuilder(AuditChains.drawRecord(0, 7, new Random(2), KEY))
        .setKind(AuditKind.DUPLICATE).setDuplicateOf("0:3").build();

    final RandomReply reply = AuditReplies.replyOf(duplicate).orElseThrow();

    assertThat(reply.getDuplicate()).isTrue();
    assertThat(ReplyVerifier.verify(reply, KEY.publicKey())).isEmpty();
  }

  @Test
  void hasNoReplyForACheckpoint() {
    final List<AuditRecord> chain = new AuditChains(KEY, 1).partition(0, 1, 3);

    assertThat(chain.get(1).getKind()).isEqualTo(AuditKind.CHECKPOINT);
    assertThat(AuditReplies.replyOf(chain.get(1))).isEmpty();
  }
}
