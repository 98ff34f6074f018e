package io.rngstream.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.avro.RequestError;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvroJsonTest {
  @Test
  void writesAnOkReplyWithHexSeedAndIsoTime() {
    final RandomReply reply = base().setStatus(ReplyStatus.OK).setNumbers(List.of(3L, 1L))
        .setSeed(ByteBuffer.wrap(new byte[] {0x0a, (byte) 0xff})).setSeedSource("CLIENT").build();

    // Fields in schema order; later (optional) fields of the contract follow and are not pinned here.
    assertThat(AvroJson.of(reply)).startsWith("{\"requestId\":\"r-1\",\"clientId\":\"c\",\"status\":\"OK\","
        + "\"error\":null,\"numbers\":[3,1],\"min\":1,\"max\":6,\"count\":2,\"unique\":false,\"seed\":\"0aff\","
        + "\"seedSource\":\"CLIENT\",\"algorithm\":\"a\",\"serial\":\"0:7\",\"userData\":\"say \\\"hi\\\"\\n\","
        + "\"generatedAt\":\"2025-01-01T00:00:00Z\"").endsWith("}");
  }

  @Test
  void writesTheErrorOfARejectedReply() {
    final RandomReply reply = base().setStatus(ReplyStatus.REJECTED).setNumbers(List.of())
        .setError(RequestError.newBuilder().setCode(ErrorCode.INVALID_BOUNDS).setMessage("min > max").build()).build();

    assertThat(AvroJson.of(reply))
        .contains("\"error\":{\"code\":\"INVALID_BOUNDS\",\"message\":\"min > max\"}")
        .contains("\"numbers\":[]")
        .contains("\"seed\":null");
  }

  @Test
  void escapesControlCharacters() {
    assertThat(AvroJson.string("a\u0001\\\u2028")).isEqualTo("\"a\\u0001\\\\\\u2028\"");
  }

  private static RandomReply.Builder base() {
    return RandomReply.newBuilder().setRequestId("r-1").setClientId("c").setMin(1).setMax(6).setCount(2)
        .setUnique(false).setAlgorithm("a").setSerial("0:7").setUserData("say \"hi\"\n")
        .setGeneratedAt(Instant.parse("2025-01-01T00:00:00Z"));
  }
}
