package io.rngstream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.avro.RandomReply;
import io.rngstream.avro.ReplyStatus;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** Replies stored by an older processor (before retryAfterMs) still decode after an upgrade. */
class RequestIdStoreTest {

  @Test
  void readsRepliesStoredUnderTheSchemaBeforeRetryAfterMs() throws Exception {
    final Schema before = RequestIdStore.schemaBefore(RandomReply.getClassSchema());
    assertThat(before.getField("retryAfterMs")).isNull();
    final Schema status = before.getField("status").schema();
    final GenericRecord old = new GenericData.Record(before);
    old.put("requestId", "r-1");
    old.put("clientId", "client-a");
    old.put("status", new GenericData.EnumSymbol(status, ReplyStatus.OK.name()));
    old.put("numbers", List.of(4L, 2L));
    old.put("min", 1L);
    old.put("max", 6L);
    old.put("count", 2);
    old.put("unique", false);
    old.put("algorithm", "HMAC_DRBG-SHA256/unbiased-v1");
    old.put("serial", "0:1");
    old.put("generatedAt", Instant.parse("2026-12-04T12:00:00Z").toEpochMilli());
    old.put("duplicate", false);
    final ByteBuffer stored = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), before).encode(old);

    final RandomReply reply = RequestIdStore.decoder().decode(stored);
    assertThat(reply.getRequestId()).isEqualTo("r-1");
    assertThat(reply.getNumbers()).containsExactly(4L, 2L);
    assertThat(reply.getRetryAfterMs()).isNull();
  }
}
