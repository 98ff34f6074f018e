package io.rngstream.client.cli;

import io.rngstream.avro.RandomReply;
import io.rngstream.core.audit.ReplyJson;
import io.rngstream.core.audit.ReplyVerifier;
import io.rngstream.core.signing.KeyRing;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rng verify-reply FILE|-}: checks one reply in its JSON form (what {@code rng draw --json} prints): the
 * signature with the key it names, and that the seed gives its numbers. Exit 0 valid, 1 invalid (reason on stderr).
 */
@Command(name = "verify-reply",
    description = "Checks one reply (JSON, as rng draw --json prints it): its signature and its numbers.",
    exitCodeOnInvalidInput = ExitCodes.FAILED, exitCodeOnExecutionException = ExitCodes.FAILED,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the reply is genuine", "1:it is not (the reason is on stderr), or it could not be checked"})
public final class VerifyReplyCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE|-", description = "The reply as JSON; - reads standard input.")
  private String source;

  @Mixin
  private KeyOptions keyOptions;

  @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors.")
  private boolean verbose;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  private final CliEnvironment environment;
  private final Supplier<InputStream> stdin;

  /** The command as the launcher mounts it. */
  public VerifyReplyCommand() {
    this(CliEnvironment.system(), () -> System.in);
  }

  VerifyReplyCommand(final CliEnvironment environment, final Supplier<InputStream> stdin) {
    this.environment = environment;
    this.stdin = stdin;
  }

  @Override
  public Integer call() {
    final PrintWriter out = spec.commandLine().getOut();
    final PrintWriter err = spec.commandLine().getErr();
    try {
      final RandomReply reply = read();
      final KeyRing keys = keyOptions.load(environment);
      final Optional<String> problem = ReplyVerifier.verify(reply, keys);
      if (problem.isPresent()) {
        err.println("invalid: request " + reply.getRequestId() + " (serial " + reply.getSerial() + "): "
            + problem.get());
        return ExitCodes.FAILED;
      }
      out.println("valid: request " + reply.getRequestId() + " of client " + reply.getClientId() + ", serial "
          + reply.getSerial() + ", " + reply.getStatus() + (reply.getDuplicate() ? " (duplicate)" : "")
          + ", signed by key " + reply.getKeyId());
      return ExitCodes.OK;
    } catch (CliFailure | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      if (verbose) {
        e.printStackTrace(err);
      }
      return ExitCodes.FAILED;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private RandomReply read() {
    final String json;
    try {
      if ("-".equals(source)) {
        json = new String(stdin.get().readAllBytes(), StandardCharsets.UTF_8);
      } else {
        final Path file = Path.of(source);
        json = Files.readString(file.isAbsolute() ? file : environment.workingDirectory().resolve(file),
            StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new CliFailure("cannot read " + ("-".equals(source) ? "standard input" : source) + ": " + e.getMessage());
    }
    if (json.isBlank()) {
      throw new CliFailure(("-".equals(source) ? "standard input" : source) + " is empty; expected a reply as JSON");
    }
    try {
      return ReplyJson.read(json.strip());
    } catch (IllegalArgumentException e) {
      throw new CliFailure("not a reply: " + e.getMessage());
    }
  }
}
