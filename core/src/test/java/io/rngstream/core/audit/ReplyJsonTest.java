package io.rngstream.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.avro.RequestError;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyJsonTest {

    // The worked example of docs/verification.md, section "A reply as JSON".
    static final String GOLDEN_JSON = "{\"requestId\":\"req-0001\",\"clientId\":\"alice\",\"status\":\"OK\","
            + "\"error\":null,\"numbers\":[\"48\",\"43\",\"15\",\"16\",\"9\",\"4\"],\"min\":\"1\",\"max\":\"49\","
            + "\"count\":6,\"unique\":true,"
            + "\"seed\":\"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\",\"seedSource\":\"CLIENT\","
            + "\"algorithm\":\"HMAC_DRBG-SHA256/unbiased-v1\",\"serial\":\"3:1042\",\"userData\":\"round 7\","
            + "\"generatedAt\":\"2025-01-01T12:00:00.123Z\",\"signature\":\"" + CanonicalEncodingTest.GOLDEN_SIGNATURE
            + "\",\"keyId\":\"21fe31dfa154a261\",\"duplicate\":false}";

    @Test
    void writesTheWorkedExample() {
        assertThat(ReplyJson.write(ReplySigner.sign(TestDraws.goldenReply(), TestDraws.RFC8032_KEY)))
                .isEqualTo(GOLDEN_JSON);
    }

    @Test
    void roundTripsEveryField() {
        final RandomReply signed = ReplySigner.sign(TestDraws.goldenReply(), TestDraws.RFC8032_KEY);
        final RandomReply rejected = RandomReply.newBuilder(signed).setStatus(ReplyStatus.REJECTED)
                .setError(RequestError.newBuilder().setCode(ErrorCode.REQUEST_ID_REUSED).setMessage("\"x\"\n").build())
                .setNumbers(List.of()).setSeed(null).setSeedSource(null).setUserData(null).setDuplicate(true).build();
        final RandomReply extreme = RandomReply.newBuilder(signed).setMin(Long.MIN_VALUE).setMax(Long.MAX_VALUE)
                .setNumbers(List.of(Long.MIN_VALUE, -1L, Long.MAX_VALUE)).setCount(3)
                .setGeneratedAt(Instant.parse("2025-01-01T12:00:00Z")).build();

        for (final RandomReply reply : List.of(signed, rejected, extreme)) {
            assertThat(ReplyJson.read(ReplyJson.write(reply))).isEqualTo(reply);
        }
    }

    @Test
    void keepsTheFull64BitsOfEveryNumber() {
        final RandomReply reply = RandomReply.newBuilder(TestDraws.goldenReply())
                .setNumbers(List.of(9_007_199_254_740_993L)).build();

        assertThat(ReplyJson.write(reply)).contains("\"numbers\":[\"9007199254740993\"]");
    }

    @Test
    void readsRngDrawJsonWithNumbersAsJsonNumbersAndWithoutTheNewFields() {
        // What `rng draw --json` printed before signing existed (client's AvroJson).
        final String json = "{\"requestId\":\"r-1\",\"clientId\":\"c\",\"status\":\"OK\",\"error\":null,"
                + "\"numbers\":[3,1],\"min\":1,\"max\":6,\"count\":2,\"unique\":false,\"seed\":\"0aff\","
                + "\"seedSource\":\"CLIENT\",\"algorithm\":\"a\",\"serial\":\"0:7\",\"userData\":null,"
                + "\"generatedAt\":\"2025-01-01T00:00:00Z\"}";

        final RandomReply reply = ReplyJson.read(json);

        assertThat(reply.getNumbers()).containsExactly(3L, 1L);
        assertThat(reply.getMax()).isEqualTo(6);
        assertThat(reply.getGeneratedAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(reply.getSignature()).isNull();
        assertThat(reply.getDuplicate()).isFalse();
    }

    @Test
    void readsGenerationTimeAsEpochMilliseconds() {
        final String json = GOLDEN_JSON.replace("\"2025-01-01T12:00:00.123Z\"", "1735732800123");

        assertThat(ReplyJson.read(json).getGeneratedAt()).isEqualTo(Instant.parse("2025-01-01T12:00:00.123Z"));
    }

    @Test
    void rejectsMalformedMembersNamingThem() {
        assertThatIllegalArgumentException().isThrownBy(() -> ReplyJson.read(GOLDEN_JSON.replace("\"48\"", "48.5")))
                .withMessageContaining("numbers[0]");
        assertThatIllegalArgumentException().isThrownBy(() -> ReplyJson.read(GOLDEN_JSON.replace("\"1\"", "\"one\"")))
                .withMessageContaining("min");
        assertThatIllegalArgumentException().isThrownBy(() -> ReplyJson.read(GOLDEN_JSON.replace("\"0001", "\"zz01")))
                .withMessageContaining("seed");
        assertThatIllegalArgumentException().isThrownBy(() -> ReplyJson.read("{}"))
                .withMessageContaining("requestId");
    }
}
