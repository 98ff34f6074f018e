package io.rngstream.client.cli;

import io.rngstream.client.audit.AuditEntry;
import io.rngstream.client.audit.AuditTopicReader;
import io.rngstream.client.audit.ParallelTrailVerifier;
import io.rngstream.client.audit.TrailSummary;
import io.rngstream.core.audit.AuditVerifier;
import io.rngstream.core.protocol.Topics;
import io.rngstream.core.signing.KeyRing;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rng audit verify}: reads the audit trail and checks every record (signature, hash chain, checkpoints, the
 * numbers re-derived from the seed), partitions in parallel. Prints each failure as found, then a summary; exits 1
 * if anything failed.
 */
@Command(name = "verify",
    description = "Verifies the audit trail: signatures, hash chains, signed checkpoints and the numbers themselves.",
    exitCodeOnInvalidInput = ExitCodes.FAILED, exitCodeOnExecutionException = ExitCodes.FAILED,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every record read verified", "1:a failure was found, or the trail could not be read"})
public final class AuditVerifyCommand implements Callable<Integer> {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  @Spec
  private CommandSpec spec;

  @Mixin
  private ConnectionOptions connection;

  @Mixin
  private KeyOptions keyOptions;

  @Mixin
  private StartOptions start;

  @Option(names = "--follow", description = "Keep verifying new records until Ctrl-C, then print the summary.")
  private boolean follow;

  @Option(names = "--json", description = "Print failures and the summary as JSON lines.")
  private boolean json;

  @Option(names = "--topic", defaultValue = Topics.AUDIT, paramLabel = "TOPIC",
      description = "The audit topic (default: ${DEFAULT-VALUE}).")
  private String topic;

  @Option(names = "--threads", paramLabel = "N",
      description = "Verifier threads (default: one per core, here ${DEFAULT-VALUE}).")
  private int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors.")
  private boolean verbose;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  private final CliEnvironment environment;

  /** The command as the launcher mounts it. */
  public AuditVerifyCommand() {
    this(CliEnvironment.system());
  }

  AuditVerifyCommand(final CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    final PrintWriter out = spec.commandLine().getOut();
    final PrintWriter err = spec.commandLine().getErr();
    try {
      if (threads < 1) {
        throw new CliFailure("--threads must be at least 1");
      }
      final KeyRing keys = keyOptions.load(environment);
      final Endpoints endpoints = connection.resolve(environment);
      final VerifyReport report = new VerifyReport(out, json);
      final TrailSummary summary;
      final ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
      try (AuditTopicReader reader = AuditTopicReader.open(endpoints.kafkaConfig(Map.of(
          ConsumerConfig.CLIENT_ID_CONFIG, "rng-audit-verify")), topic, start.position(), CONNECT_TIMEOUT)) {
        final Map<Integer, Long> partitions = reader.endOffsets();
        final ParallelTrailVerifier verifier = new ParallelTrailVerifier(new AuditVerifier(keys), pool,
            () -> AuditSerdes.decoder(endpoints), 4 * threads, report::failure);
        // Ctrl-C ends the read; what was read is still verified and summarised.
        final SignalStop stop = new SignalStop("rng-audit-verify-stop", reader::stop);
        try {
          reader.read(follow, (partition, records) -> verifier.submit(topic, partition,
              records.stream().map(record -> new AuditEntry(record.offset(), record.value())).toList()));
          verifier.awaitVerified();
          summary = verifier.summary();
          report.summary(topic, keys, partitions, summary);
        } finally {
          verifier.closeDecoders();
          stop.close();
        }
      } finally {
        pool.shutdownNow();
      }
      return summary.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    } catch (CliFailure | KafkaException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      if (verbose) {
        e.printStackTrace(err);
      }
      return ExitCodes.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("error: interrupted");
      return ExitCodes.FAILED;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static ThreadFactory daemonThreads() {
    final AtomicInteger count = new AtomicInteger();
    return runnable -> {
      final Thread thread = new Thread(runnable, "rng-audit-verify-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
