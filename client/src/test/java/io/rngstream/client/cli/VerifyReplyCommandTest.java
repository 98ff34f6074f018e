package io.rngstream.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.avro.RandomReply;
import io.rngstream.client.audit.AuditReplies;
import io.rngstream.client.testing.AuditChains;
import io.rngstream.core.audit.ReplyJson;
import io.rngstream.core.signing.Ed25519Keys;
import io.rngstream.core.signing.KeyRing;
import io.rngstream.core.signing.SigningKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VerifyReplyCommandTest {
  private static final SigningKey KEY = Ed25519Keys.generate();

  @TempDir
  Path folder;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final RandomReply reply =
      AuditReplies.replyOf(AuditChains.drawRecord(1, 5, new Random(7), KEY)).orElseThrow();
  private Path publicKey;

  @BeforeEach
  void writeTheKey() throws IOException {
    publicKey = Files.writeString(folder.resolve("service.pem"), KEY.publicKey().toPem());
  }

  @Test
  void acceptsAGenuineReplyAndExitsZero() throws IOException {
    final Path file = Files.writeString(folder.resolve("reply.json"), ReplyJson.write(reply));

    assertThat(run(null, file.toString(), "--key", publicKey.toString())).as(err.toString()).isEqualTo(ExitCodes.OK);

    assertThat(out.toString()).startsWith("valid: request " + reply.getRequestId()).contains("serial 1:5");
  }

  @Test
  void refusesAChangedNumberWithTheReasonOnStderr() throws IOException {
    final List<Long> numbers = new ArrayList<>(reply.getNumbers());
    numbers.set(0, numbers.get(0) == 1 ? 2L : 1L);
    final Path file = Files.writeString(folder.resolve("reply.json"),
        ReplyJson.write(RandomReply.newBuilder(reply).setNumbers(numbers).build()));

    assertThat(run(null, file.toString(), "--key", publicKey.toString())).isEqualTo(ExitCodes.FAILED);

    assertThat(err.toString()).startsWith("invalid: request " + reply.getRequestId())
        .contains("does not verify");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void refusesAReplySignedByAKeyItDoesNotTrust() throws IOException {
    final Path otherKey = Files.writeString(folder.resolve("other.pem"), Ed25519Keys.generate().publicKey().toPem());

    assertThat(run(ReplyJson.write(reply), "-", "--key", otherKey.toString())).isEqualTo(ExitCodes.FAILED);

    assertThat(err.toString()).contains("not among the trusted keys");
  }

  @Test
  void readsStandardInputAndASavedKeysDocument() throws IOException {
    final Path keys = Files.writeString(folder.resolve("keys.json"), KeyRing.of(KEY.publicKey()).toJson());

    assertThat(run(ReplyJson.write(reply), "-", "--key", keys.toString())).as(err.toString())
        .isEqualTo(ExitCodes.OK);
  }

  @Test
  void saysWhatIsMissingWithoutKeysOrAReply() throws IOException {
    final Path file = Files.writeString(folder.resolve("reply.json"), ReplyJson.write(reply));
    assertThat(run(null, file.toString())).isEqualTo(ExitCodes.FAILED);
    assertThat(err.toString()).contains("--key FILE").contains("--keys-url");

    assertThat(run("{\"not\":\"a reply\"}", "-", "--key", publicKey.toString())).isEqualTo(ExitCodes.FAILED);
    assertThat(err.toString()).contains("not a reply");
  }

  private int run(final String stdin, final String... args) {
    final byte[] input = stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.UTF_8);
    return new CommandLine(new VerifyReplyCommand(new CliEnvironment(Map.of(), folder),
        () -> new ByteArrayInputStream(input))).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(args);
  }
}
