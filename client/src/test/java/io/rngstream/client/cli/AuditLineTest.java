package io.rngstream.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.avro.RequestError;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditLineTest {
  @Test
  void showsWhoAskedWhatAndTheNumbers() {
    final AuditRecord audit = base().setStatus(ReplyStatus.OK).setNumbers(List.of(2L, 5L))
        .setSeedSource("NativePRNG").build();

    assertThat(AuditLine.of(audit)).isEqualTo(
        "2025-01-01T00:00:00Z 1:42 client=c request=r-1 [1..6]x2 unique OK 2 5 seed=NativePRNG userData=\"u\"");
  }

  @Test
  void showsTheCodeAndReasonOfARejection() {
    final AuditRecord audit = base().setStatus(ReplyStatus.REJECTED).setNumbers(List.of())
        .setError(RequestError.newBuilder().setCode(ErrorCode.RATE_LIMITED).setMessage("slow down").build()).build();

    assertThat(AuditLine.of(audit)).contains("REJECTED RATE_LIMITED: slow down");
  }

  private static AuditRecord.Builder base() {
    final Instant at = Instant.parse("2025-01-01T00:00:00Z");
    return AuditRecord.newBuilder().setRequestId("r-1").setClientId("c").setMin(1).setMax(6).setCount(2)
        .setUnique(true).setUserData("u").setRequestedAt(at).setAlgorithm("a").setSerial("1:42")
        .setSourceTopic("rng.requests.v1").setSourcePartition(1).setSourceOffset(42).setReplyTopic("rng.replies.v1")
        .setProcessorInstanceId("p").setProcessorVersion("v").setReceivedAt(at).setGeneratedAt(at);
  }
}
