package io.rngstream.client.cli;

import io.rngstream.avro.RandomReply;
import io.rngstream.client.sdk.DrawRejectedException;
import io.rngstream.client.sdk.DrawRequest;
import io.rngstream.client.sdk.DrawTimeoutException;
import io.rngstream.client.sdk.RngClient;
import io.rngstream.client.sdk.RngClientException;
import io.rngstream.core.audit.ReplyJson;
import io.rngstream.core.generation.DrawAlgorithm;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rng draw}: one request, printed as numbers (or JSON); the exit code says how it went. */
@Command(name = "draw",
    description = "Draws random numbers from the rng-stream service and prints them, space-separated.",
    exitCodeOnInvalidInput = ExitCodes.FAILED,
    exitCodeOnExecutionException = ExitCodes.FAILED,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the numbers were drawn",
        "1:bad arguments, no stack found, or another error",
        "2:the service rejected the request (code and message on stderr)",
        "3:no reply within --timeout"})
public final class DrawCommand implements Callable<Integer> {
  private static final Pattern SEED_HEX = Pattern.compile("[0-9a-fA-F]{" + 2 * DrawAlgorithm.SEED_BYTES + "}");

  @Spec
  private CommandSpec spec;

  @Mixin
  private ConnectionOptions connection;

  @Option(names = "--min", required = true, paramLabel = "N", description = "Smallest number that may be drawn (inclusive).")
  private long min;

  @Option(names = "--max", required = true, paramLabel = "N", description = "Largest number that may be drawn (inclusive).")
  private long max;

  @Option(names = "--count", defaultValue = "1", paramLabel = "N", description = "How many numbers (default: ${DEFAULT-VALUE}).")
  private int count;

  @Option(names = "--unique", description = "No number twice (count must not exceed max - min + 1).")
  private boolean unique;

  @Option(names = "--seed", paramLabel = "HEX64", description = "A 32-byte seed as 64 hex digits: anyone can re-derive the numbers.")
  private String seedHex;

  @Option(names = "--user-data", paramLabel = "TEXT", description = "Text echoed in the reply and kept in the audit trail.")
  private String userData;

  @Option(names = "--request-id", paramLabel = "ID", description = "Idempotency key (default: a random UUID).")
  private String requestId;

  @Option(names = "--client-id", paramLabel = "ID", description = "Who asks (default: user@host).")
  private String clientId;

  @Option(names = "--timeout", defaultValue = "5s", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long to wait for Kafka and for the reply, e.g. 500ms, 5s, 1m (default: ${DEFAULT-VALUE}).")
  private Duration timeout;

  @Option(names = "--json", description = "Print the whole reply as one line of JSON (rng verify-reply reads it).")
  private boolean json;

  @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors.")
  private boolean verbose;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  private final CliEnvironment environment;
  private final Function<RngClient.Builder, RngClient> connector;

  /** The command as the launcher mounts it: reads the real environment and connects for real. */
  public DrawCommand() {
    this(CliEnvironment.system(), RngClient.Builder::build);
  }

  /** For tests: a given environment, and a stand-in for connecting. */
  DrawCommand(final CliEnvironment environment, final Function<RngClient.Builder, RngClient> connector) {
    this.environment = environment;
    this.connector = connector;
  }

  /** Runs {@code draw} on its own, outside the launcher. */
  public static void main(final String[] args) {
    System.exit(new CommandLine(new DrawCommand()).execute(args));
  }

  @Override
  public Integer call() {
    // Every argument is checked before anything connects, so a typo never sends a request.
    final DrawRequest request = drawRequest();
    final PrintWriter out = spec.commandLine().getOut();
    final PrintWriter err = spec.commandLine().getErr();
    Endpoints endpoints = null;
    try {
      endpoints = connection.resolve(environment);
      try (RngClient client = connector.apply(builder(endpoints))) {
        final RandomReply reply = client.drawNow(request);
        out.println(json ? ReplyJson.write(reply) : numbers(reply));
        return ExitCodes.OK;
      }
    } catch (DrawRejectedException e) {
      if (json) {
        out.println(ReplyJson.write(e.reply()));
      }
      err.println("rejected: " + e.code() + ": " + e.reason());
      return ExitCodes.REJECTED;
    } catch (DrawTimeoutException e) {
      err.println("timeout: " + e.getMessage());
      return ExitCodes.TIMEOUT;
    } catch (CliFailure | RngClientException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage() + (endpoints == null || e instanceof CliFailure ? ""
          : " (stack from " + endpoints.origin() + ")"));
      if (verbose) {
        e.printStackTrace(err);
      }
      return ExitCodes.FAILED;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private DrawRequest drawRequest() {
    try {
      DrawRequest request = DrawRequest.between(min, max).count(count).unique(unique).userData(userData);
      if (seedHex != null) {
        request = request.seed(seed(seedHex));
      }
      return requestId == null ? request : request.requestId(requestId);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Invalid draw: " + e.getMessage());
    }
  }

  private byte[] seed(final String hex) {
    if (!SEED_HEX.matcher(hex).matches()) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--seed': expected "
          + 2 * DrawAlgorithm.SEED_BYTES + " hex digits (" + DrawAlgorithm.SEED_BYTES + " bytes), got '" + hex + "'");
    }
    return HexFormat.of().parseHex(hex);
  }

  private RngClient.Builder builder(final Endpoints endpoints) {
    final RngClient.Builder builder = RngClient.builder()
        .bootstrapServers(endpoints.bootstrapServers())
        .registryUrl(endpoints.registryUrl())
        .kafkaProperties(endpoints.kafkaProperties())
        .apicurioProperties(endpoints.registryProperties())
        .timeout(timeout);
    return clientId == null ? builder : builder.clientId(clientId);
  }

  private static String numbers(final RandomReply reply) {
    return reply.getNumbers().stream().map(String::valueOf).collect(Collectors.joining(" "));
  }
}
