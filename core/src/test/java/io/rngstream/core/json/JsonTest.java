package io.rngstream.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesEveryKindOfValue() {
        final Map<String, Object> object = Json.parseObject(
                " {\"s\":\"a\\\"\\u00e9\\n\",\"n\":-12.5e1,\"big\":9223372036854775807,\"t\":true,\"f\":false,"
                        + "\"z\":null,\"a\":[1,[],{}]} ");

        assertThat(object.get("s")).isEqualTo("a\"é\n");
        assertThat(object.get("n")).isEqualTo(new BigDecimal("-12.5e1"));
        assertThat(((BigDecimal) object.get("big")).longValueExact()).isEqualTo(Long.MAX_VALUE);
        assertThat(object.get("t")).isEqualTo(Boolean.TRUE);
        assertThat(object.get("f")).isEqualTo(Boolean.FALSE);
        assertThat(object).containsEntry("z", null);
        assertThat(object.get("a")).isEqualTo(List.of(BigDecimal.ONE, List.of(), Map.of()));
    }

    @Test
    void rejectsMalformedDocuments() {
        for (final String bad : Arrays.asList("", "{", "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "01", "\"\u0001\"", "tru",
                "{} x", "{\"a\":1,\"a\":2}", "\"\\x\"")) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> Json.parse(bad));
        }
    }

    @Test
    void quotesWhatJsonAndJavaScriptNeedEscaped() {
        assertThat(Json.quote("a\"\\\n\u0001\u2028")).isEqualTo("\"a\\\"\\\\\\n\\u0001\\u2028\"");
        assertThat(Json.quote(null)).isEqualTo("null");
        assertThat(Json.parse(Json.quote("round \"trip\" \u2029 é"))).isEqualTo("round \"trip\" \u2029 é");
    }
}
