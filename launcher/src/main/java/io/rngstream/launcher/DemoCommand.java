package io.rngstream.launcher;

import io.rngstream.avro.AuditKind;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.client.sdk.DrawRejectedException;
import io.rngstream.client.sdk.DrawRequest;
import io.rngstream.client.sdk.RngClient;
import io.rngstream.core.audit.ReplyVerifier;
import io.rngstream.core.generation.DrawAlgorithms;
import io.rngstream.core.signing.KeyRing;
import io.rngstream.core.generation.DrawSpec;
import io.rngstream.core.protocol.Topics;
import io.rngstream.devstack.StackEndpoints;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./rng demo}: starts everything locally, sends a few requests and shows each reply and audit record. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Start a real Kafka broker, a real Apicurio Registry and the processor on this machine,",
        "send a few requests and print each reply and its audit record. Runs until Ctrl-C."})
final class DemoCommand implements java.util.concurrent.Callable<Integer> {
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);
  private static final SecureRandom RANDOM = new SecureRandom();

  @Option(names = "--once", description = "Exit after printing; status 0 only if every reply and audit record arrived.")
  private boolean once;

  private final PrintStream out = System.out;

  /** One request of the demo and what its answer must look like. */
  private record Scenario(String title, DrawRequest request, ReplyStatus expected) {
  }

  @Override
  public Integer call() throws Exception {
    out.println("rng-stream demo: starting a Kafka broker, an Apicurio Registry and the processor on loopback…");
    try (LocalStack stack = LocalStack.start()) {
      final StackEndpoints endpoints = stack.endpoints();
      printWhere(stack);
      final boolean allAnswered = runScenarios(endpoints, KeyRing.fromJson(stack.processor().keysJson()));
      out.println();
      out.println(allAnswered ? "Every request got its reply and its audit record." : "SOME REPLIES OR AUDIT RECORDS DID NOT ARRIVE.");
      if (once) {
        return allAnswered ? 0 : 1;
      }
      out.println();
      out.println("The stack keeps running. In another terminal try:");
      out.println("  ./rng draw --min 1 --max 100 --count 5");
      out.println("Press Ctrl-C to stop.");
      final CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        stack.close();
        stopped.countDown();
      }, "rng-demo-stop"));
      stopped.await();
      return 0;
    }
  }

  private void printWhere(final LocalStack stack) {
    final StackEndpoints endpoints = stack.endpoints();
    out.println();
    out.println("  broker     " + endpoints.bootstrapServers() + "   (Kafka, KRaft, one node)");
    out.println("  registry   " + endpoints.registryUrl() + "   (Apicurio Registry)");
    out.println("  processor  " + stack.processor().config().applicationId() + ": " + Topics.REQUESTS + " -> "
        + Topics.REPLIES + " + " + Topics.AUDIT + "   (Kafka Streams, exactly_once_v2, " + stack.processor().state() + ")");
    out.println("  management http://127.0.0.1:" + stack.processor().managementPort() + "/health  /ready  /metrics  /info  /keys");
    out.println("  signing    key " + stack.processor().signingKeyId() + " in " + LocalSigningKey.inProjectFolder().path());
    out.println("  settings   " + stack.file().path() + "   (./rng draw finds the stack through it)");
  }

  private boolean runScenarios(final StackEndpoints endpoints, final KeyRing keys) throws InterruptedException {
    final byte[] seed = new byte[32];
    RANDOM.nextBytes(seed);
    final DrawRequest dice = DrawRequest.between(1, 6).count(3);
    final List<Scenario> scenarios = List.of(
        new Scenario("Three dice", dice, ReplyStatus.OK),
        new Scenario("The same request again (same requestId): the original reply, no second draw",
            DrawRequest.between(1, 6).count(3).requestId(dice.requestId()), ReplyStatus.OK),
        new Scenario("A lottery draw: 6 different numbers from 1 to 49", DrawRequest.between(1, 49).count(6).unique(true), ReplyStatus.OK),
        new Scenario("A seeded draw (anyone with the seed can re-derive it)", DrawRequest.between(1, 1000).count(5).seed(seed), ReplyStatus.OK),
        new Scenario("The same seeded draw again: the same numbers", DrawRequest.between(1, 1000).count(5).seed(seed), ReplyStatus.OK),
        new Scenario("An invalid request: 7 different numbers from 1 to 6", DrawRequest.between(1, 6).count(7).unique(true), ReplyStatus.REJECTED));

    boolean allAnswered = true;
    final List<List<Long>> seededNumbers = new ArrayList<>();
    try (RngClient client = RngClient.builder()
            .bootstrapServers(endpoints.bootstrapServers())
            .registryUrl(endpoints.registryUrl())
            .clientId("demo")
            .timeout(REPLY_TIMEOUT)
            .build();
        AuditTrail audit = new AuditTrail(endpoints.bootstrapServers(), endpoints.registryUrl(), Topics.AUDIT)) {
      for (final Scenario scenario : scenarios) {
        out.println();
        out.println(scenario.title());
        final Optional<RandomReply> reply = await(client, scenario.request());
        if (reply.isEmpty()) {
          allAnswered = false;
          continue;
        }
        printReply(reply.get());
        final Optional<String> signatureProblem = ReplyVerifier.verify(reply.get(), keys);
        out.println("         signature " + signatureProblem.map(problem -> "INVALID: " + problem)
            .orElse("valid (Ed25519, key " + reply.get().getKeyId() + ")"));
        allAnswered &= signatureProblem.isEmpty();
        if (reply.get().getStatus() != scenario.expected()) {
          out.println("  expected " + scenario.expected() + " but got " + reply.get().getStatus());
          allAnswered = false;
        }
        if (reply.get().getSeedSource() != null && reply.get().getSeedSource().equals("CLIENT")) {
          seededNumbers.add(reply.get().getNumbers());
        }
        final Optional<ConsumerRecord<String, Object>> record = audit.find(scenario.request().requestId(),
            reply.get().getDuplicate() ? AuditKind.DUPLICATE : AuditKind.DRAW, REPLY_TIMEOUT);
        if (record.isEmpty()) {
          out.println("  audit  (none within " + REPLY_TIMEOUT.toSeconds() + " s)");
          allAnswered = false;
        } else {
          printAudit(record.get());
        }
      }
    }
    if (seededNumbers.size() == 2 && !seededNumbers.get(0).equals(seededNumbers.get(1))) {
      out.println("  the two seeded draws differ: " + seededNumbers);
      allAnswered = false;
    }
    return allAnswered;
  }

  private Optional<RandomReply> await(final RngClient client, final DrawRequest request) throws InterruptedException {
    try {
      return Optional.of(client.draw(request).get(REPLY_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS));
    } catch (ExecutionException | CompletionException e) {
      if (e.getCause() instanceof DrawRejectedException rejected) {
        return Optional.of(rejected.reply());
      }
      out.println("  no reply: " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      out.println("  no reply within " + REPLY_TIMEOUT.toSeconds() + " s");
    }
    return Optional.empty();
  }

  private void printReply(final RandomReply reply) {
    if (reply.getStatus() == ReplyStatus.OK) {
      out.println("  reply  OK        " + numbers(reply.getNumbers())
          + (reply.getDuplicate() ? "   (a repeat: the original reply of serial " + reply.getSerial() + ")" : ""));
      out.println("         seed      " + hex(reply.getSeed()) + "  (" + reply.getSeedSource() + ")");
      out.println("         algorithm " + reply.getAlgorithm() + "   serial " + reply.getSerial()
          + "   request " + reply.getRequestId());
    } else {
      out.println("  reply  REJECTED  " + reply.getError().getCode() + ": " + reply.getError().getMessage());
    }
  }

  private void printAudit(final ConsumerRecord<String, Object> record) {
    final AuditRecord audit = (AuditRecord) record.value();
    out.println("  audit  " + record.topic() + " partition " + record.partition() + " offset " + record.offset()
        + " · sequence " + audit.getSequence() + " · " + audit.getKind() + " " + audit.getStatus() + " · request " + audit.getSourceTopic() + " partition " + audit.getSourcePartition()
        + " offset " + audit.getSourceOffset() + " · processor " + audit.getProcessorInstanceId() + " " + audit.getProcessorVersion());
    if (audit.getSeed() != null) {
      out.println("         re-derived from the audit record's seed: " + (rederive(audit).equals(audit.getNumbers())
          ? "the same numbers" : "DIFFERENT NUMBERS " + numbers(rederive(audit))));
    }
  }

  private static List<Long> rederive(final AuditRecord audit) {
    final byte[] seed = new byte[audit.getSeed().remaining()];
    audit.getSeed().duplicate().get(seed);
    final long[] numbers = DrawAlgorithms.byId(audit.getAlgorithm()).orElseThrow()
        .draw(seed, new DrawSpec(audit.getMin(), audit.getMax(), audit.getCount(), audit.getUnique()));
    return Arrays.stream(numbers).boxed().toList();
  }

  private static String numbers(final List<Long> numbers) {
    return numbers.stream().map(String::valueOf).collect(Collectors.joining(" "));
  }

  private static String hex(final ByteBuffer bytes) {
    final byte[] copy = new byte[bytes.remaining()];
    bytes.duplicate().get(copy);
    return HexFormat.of().formatHex(copy);
  }
}
