package io.rngstream.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.avro.RequestError;
import io.rngstream.core.signing.Ed25519Keys;
import io.rngstream.core.signing.KeyRing;
import io.rngstream.core.signing.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/examples/verify-reply.mjs, written from docs/verification.md alone, agrees with the Java code. */
class NodeVerifierTest {

    private static final SigningKey KEY = Ed25519Keys.generate();

    @TempDir
    static Path dir;
    private static Path script;
    private static Path publicKey;

    @BeforeAll
    static void findNodeAndTheScript() throws IOException {
        script = findScript();
        publicKey = Files.writeString(dir.resolve("key.pem"), KEY.publicKey().toPem());
        try {
            final Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            version.waitFor(30, TimeUnit.SECONDS);
        } catch (final IOException | InterruptedException e) {
            throw new AssertionError("node (Node.js 20 or newer) is needed to run " + script
                    + " and was not found on the PATH: " + e.getMessage(), e);
        }
    }

    @Test
    void acceptsALotteryDraw() throws Exception {
        assertVerifies(ReplySigner.sign(TestDraws.reply(0, 1, 1, 49, 6, true), KEY));
    }

    @Test
    void acceptsTheWorkedExampleOfTheDocs() throws Exception {
        final Path rfcKey = Files.writeString(dir.resolve("rfc8032.pem"), TestDraws.RFC8032_KEY.publicKey().toPem());

        final Result result = node(Files.writeString(dir.resolve("golden.json"), ReplyJsonTest.GOLDEN_JSON), rfcKey);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("numbers [48, 43, 15, 16, 9, 4] follow from the seed");
    }

    @Test
    void acceptsDrawsWithReplacementAcrossBlocksAndTheFullRange() throws Exception {
        assertVerifies(ReplySigner.sign(TestDraws.reply(0, 2, 0, 99, 70, false), KEY));
        assertVerifies(ReplySigner.sign(TestDraws.reply(0, 3, Long.MIN_VALUE, Long.MAX_VALUE, 5, true), KEY));
        assertVerifies(ReplySigner.sign(TestDraws.reply(0, 4, Long.MIN_VALUE, Long.MAX_VALUE, 5, false), KEY));
        assertVerifies(ReplySigner.sign(TestDraws.reply(0, 5, -3, 3, 7, true), KEY));
        assertVerifies(ReplySigner.sign(TestDraws.reply(0, 6, Long.MIN_VALUE, (1L << 62) - 1, 4, false), KEY));
    }

    @Test
    void acceptsARejectionAndADuplicate() throws Exception {
        final RandomReply rejected = RandomReply.newBuilder(TestDraws.reply(0, 7, 1, 6, 1, false))
                .setStatus(ReplyStatus.REJECTED).setNumbers(List.of()).setSeed(null).setSeedSource(null)
                .setError(RequestError.newBuilder().setCode(ErrorCode.REQUEST_ID_REUSED).setMessage("é \"x\"").build())
                .setUserData("é€ \u2028 \"quoted\"").build();
        final RandomReply duplicate = RandomReply.newBuilder(ReplySigner.sign(TestDraws.reply(0, 8, 1, 6, 2, false),
                KEY)).setDuplicate(true).build();

        assertVerifies(ReplySigner.sign(rejected, KEY));
        assertVerifies(duplicate);
    }

    @Test
    void acceptsTheKeyListOfTheKeysEndpoint() throws Exception {
        final Path keys = Files.writeString(dir.resolve("keys.json"),
                KeyRing.of(Ed25519Keys.generate().publicKey(), KEY.publicKey()).toJson());
        final Path reply = write(ReplySigner.sign(TestDraws.reply(0, 9, 1, 49, 6, true), KEY));

        assertThat(node(reply, keys).exitCode()).isZero();
    }

    @Test
    void rejectsAChangedNumber() throws Exception {
        final String json = ReplyJson.write(ReplySigner.sign(TestDraws.goldenReply(), KEY));
        final Path tampered = Files.writeString(dir.resolve("tampered.json"), json.replace("\"16\"", "\"17\""));

        final Result result = node(tampered, publicKey);

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).startsWith("BAD: the signature does not verify");
    }

    @Test
    void rejectsAReplySignedWithAnotherKey() throws Exception {
        final Result result = node(write(ReplySigner.sign(TestDraws.goldenReply(), Ed25519Keys.generate())),
                publicKey);

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).startsWith("BAD: the reply is signed with key");
    }

    @Test
    void rejectsSignedNumbersThatDoNotFollowFromTheSeed() throws Exception {
        final RandomReply wrong = RandomReply.newBuilder(TestDraws.goldenReply())
                .setNumbers(List.of(1L, 2L, 3L, 4L, 5L, 6L)).build();

        final Result result = node(write(ReplySigner.sign(wrong, KEY)), publicKey);

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("numbers[0] is 1 but the seed gives 48");
    }

    private static void assertVerifies(final RandomReply reply) throws Exception {
        assertThat(ReplyVerifier.verify(reply, KEY.publicKey())).as("the Java verifier").isEmpty();
        final Result result = node(write(reply), publicKey);
        assertThat(result.exitCode()).as("node says: %s for %s", result.output(), ReplyJson.write(reply)).isZero();
        assertThat(result.output()).startsWith("OK:");
    }

    private static Path write(final RandomReply reply) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "reply", ".json"), ReplyJson.write(reply));
    }

    private record Result(int exitCode, String output) {
    }

    private static Result node(final Path reply, final Path key) throws Exception {
        final Process process = new ProcessBuilder("node", script.toString(), reply.toString(), key.toString())
                .redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
        return new Result(process.exitValue(), output);
    }

    private static Path findScript() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            final Path candidate = directory.resolve("docs/examples/verify-reply.mjs");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            directory = directory.getParent();
        }
        throw new AssertionError("docs/examples/verify-reply.mjs not found above " + Path.of("").toAbsolutePath());
    }
}
