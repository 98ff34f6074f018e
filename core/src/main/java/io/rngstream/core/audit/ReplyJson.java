package io.rngstream.core.audit;

import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.avro.RequestError;
import io.rngstream.core.json.Json;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a reply that {@code rng verify-reply} and independent verifiers read (docs/verification.md,
 * "A reply as JSON"): 64-bit integers as decimal strings (JSON numbers lose precision above 2^53 in JavaScript),
 * bytes as lowercase hex, generatedAt as ISO-8601 UTC with milliseconds.
 *
 * <p>The reader is lenient where it is safe: 64-bit integers may also be JSON numbers, generatedAt may be epoch
 * milliseconds, and unknown members are ignored, so the output of {@code rng draw --json} reads too.
 */
public final class ReplyJson {

    private static final HexFormat HEX = HexFormat.of();

    private ReplyJson() {
    }

    /**
     * A reply as one line of JSON, members in schema order.
     *
     * @param reply a reply
     * @return the JSON text
     */
    public static String write(final RandomReply reply) {
        final StringBuilder json = new StringBuilder(512);
        json.append("{\"requestId\":").append(Json.quote(reply.getRequestId()))
                .append(",\"clientId\":").append(Json.quote(reply.getClientId()))
                .append(",\"status\":").append(Json.quote(reply.getStatus() == null ? null : reply.getStatus().name()))
                .append(",\"error\":");
        final RequestError error = reply.getError();
        if (error == null) {
            json.append("null");
        } else {
            json.append("{\"code\":").append(Json.quote(error.getCode() == null ? null : error.getCode().name()))
                    .append(",\"message\":").append(Json.quote(error.getMessage())).append('}');
        }
        json.append(",\"numbers\":[");
        final List<Long> numbers = reply.getNumbers() == null ? List.of() : reply.getNumbers();
        for (int i = 0; i < numbers.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(numbers.get(i)).append('"');
        }
        json.append("],\"min\":\"").append(reply.getMin()).append('"')
                .append(",\"max\":\"").append(reply.getMax()).append('"')
                .append(",\"count\":").append(reply.getCount())
                .append(",\"unique\":").append(reply.getUnique())
                .append(",\"seed\":").append(hex(reply.getSeed()))
                .append(",\"seedSource\":").append(Json.quote(reply.getSeedSource()))
                .append(",\"algorithm\":").append(Json.quote(reply.getAlgorithm()))
                .append(",\"serial\":").append(Json.quote(reply.getSerial()))
                .append(",\"userData\":").append(Json.quote(reply.getUserData()))
                .append(",\"generatedAt\":").append(Json.quote(reply.getGeneratedAt() == null ? null
                        : reply.getGeneratedAt().truncatedTo(ChronoUnit.MILLIS).toString()))
                .append(",\"signature\":").append(hex(reply.getSignature()))
                .append(",\"keyId\":").append(Json.quote(reply.getKeyId()))
                .append(",\"duplicate\":").append(reply.getDuplicate())
                .append('}');
        return json.toString();
    }

    /**
     * Reads a reply from its JSON form.
     *
     * @param json the JSON text
     * @return the reply
     * @throws IllegalArgumentException naming the member, if the text is not a reply
     */
    public static RandomReply read(final String json) {
        final Map<String, Object> object = Json.parseObject(json);
        final RandomReply.Builder reply = RandomReply.newBuilder()
                .setRequestId(requiredString(object, "requestId"))
                .setClientId(requiredString(object, "clientId"))
                .setStatus(status(requiredString(object, "status")))
                .setError(error(object.get("error")))
                .setNumbers(numbers(object.get("numbers")))
                .setMin(int64(object, "min"))
                .setMax(int64(object, "max"))
                .setCount(int32(object, "count"))
                .setUnique(bool(object, "unique", null))
                .setSeed(bytes(object, "seed"))
                .setSeedSource(optionalString(object, "seedSource"))
                .setAlgorithm(requiredString(object, "algorithm"))
                .setSerial(requiredString(object, "serial"))
                .setUserData(optionalString(object, "userData"))
                .setGeneratedAt(instant(object.get("generatedAt")))
                .setSignature(bytes(object, "signature"))
                .setKeyId(optionalString(object, "keyId"))
                .setDuplicate(bool(object, "duplicate", Boolean.FALSE));
        return reply.build();
    }

    private static String hex(final ByteBuffer bytes) {
        return bytes == null ? "null" : '"' + HEX.formatHex(ChainHead.bytes(bytes)) + '"';
    }

    private static ReplyStatus status(final String name) {
        try {
            return ReplyStatus.valueOf(name);
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("reply JSON: status " + name + " is not OK or REJECTED", e);
        }
    }

    private static RequestError error(final Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> error)) {
            throw new IllegalArgumentException("reply JSON: error must be an object or null");
        }
        final String code = error.get("code") instanceof String text ? text : null;
        if (code == null) {
            throw new IllegalArgumentException("reply JSON: error.code must be a string");
        }
        ErrorCode parsed;
        try {
            parsed = ErrorCode.valueOf(code);
        } catch (final IllegalArgumentException e) {
            // Avro readers map an unknown symbol to the enum's default, and so does this.
            parsed = ErrorCode.UNKNOWN;
        }
        final String message = error.get("message") instanceof String text ? text : "";
        return RequestError.newBuilder().setCode(parsed).setMessage(message).build();
    }

    private static List<Long> numbers(final Object value) {
        if (!(value instanceof List<?> items)) {
            throw new IllegalArgumentException("reply JSON: numbers must be an array");
        }
        final List<Long> numbers = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            numbers.add(toLong(items.get(i), "numbers[" + i + "]"));
        }
        return numbers;
    }

    private static long int64(final Map<String, Object> object, final String member) {
        return toLong(object.get(member), member);
    }

    private static int int32(final Map<String, Object> object, final String member) {
        final long value = toLong(object.get(member), member);
        if (value != (int) value) {
            throw new IllegalArgumentException("reply JSON: " + member + " does not fit in 32 bits");
        }
        return (int) value;
    }

    private static long toLong(final Object value, final String member) {
        try {
            if (value instanceof BigDecimal number) {
                return number.longValueExact();
            }
            if (value instanceof String text && text.matches("-?[0-9]+")) {
                return Long.parseLong(text);
            }
        } catch (final ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("reply JSON: " + member + " is not a 64-bit integer: " + value, e);
        }
        throw new IllegalArgumentException("reply JSON: " + member + " must be an integer (a decimal string or a "
                + "JSON number), was " + value);
    }

    private static boolean bool(final Map<String, Object> object, final String member, final Boolean absent) {
        final Object value = object.containsKey(member) ? object.get(member) : absent;
        if (!(value instanceof Boolean flag)) {
            throw new IllegalArgumentException("reply JSON: " + member + " must be true or false");
        }
        return flag;
    }

    private static ByteBuffer bytes(final Map<String, Object> object, final String member) {
        final Object value = object.get(member);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.length() % 2 != 0 || !text.matches("[0-9a-fA-F]*")) {
            throw new IllegalArgumentException("reply JSON: " + member + " must be hex digits or null");
        }
        return ByteBuffer.wrap(HEX.parseHex(text));
    }

    private static String requiredString(final Map<String, Object> object, final String member) {
        if (!(object.get(member) instanceof String text)) {
            throw new IllegalArgumentException("reply JSON: " + member + " must be a string");
        }
        return text;
    }

    private static String optionalString(final Map<String, Object> object, final String member) {
        final Object value = object.get(member);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("reply JSON: " + member + " must be a string or null");
        }
        return (String) value;
    }

    private static Instant instant(final Object value) {
        if (value instanceof String text && !text.matches("-?[0-9]+")) {
            try {
                return Instant.parse(text).truncatedTo(ChronoUnit.MILLIS);
            } catch (final DateTimeParseException e) {
                throw new IllegalArgumentException("reply JSON: generatedAt is not ISO-8601: " + text, e);
            }
        }
        if (value == null) {
            throw new IllegalArgumentException("reply JSON: generatedAt is missing");
        }
        return Instant.ofEpochMilli(toLong(value, "generatedAt"));
    }
}
