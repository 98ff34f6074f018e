package io.rngstream.client.cli;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.RandomReply;
import io.rngstream.client.audit.AuditDecoder;
import io.rngstream.client.audit.AuditReplies;
import io.rngstream.client.audit.AuditTopicReader;
import io.rngstream.core.protocol.Headers;
import io.rngstream.core.protocol.Topics;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rng audit replay}: sends the replies recorded in the audit trail again, for a consumer that lost its
 * replies. Each is the original reply, rebuilt from its DRAW or DUPLICATE record with the original signature, keyed
 * by requestId and carrying the original {@code kafka_correlationId}.
 */
@Command(name = "replay",
    description = "Re-emits the replies recorded in the audit trail (original signatures) to a topic.",
    exitCodeOnInvalidInput = ExitCodes.FAILED, exitCodeOnExecutionException = ExitCodes.FAILED)
public final class AuditReplayCommand implements Callable<Integer> {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  @Spec
  private CommandSpec spec;

  @Mixin
  private ConnectionOptions connection;

  @Mixin
  private StartOptions start;

  @Option(names = "--to", required = true, paramLabel = "TOPIC",
      description = "Where to write the replies; it must exist.")
  private String to;

  @Option(names = "--client-id", paramLabel = "ID", description = "Only the replies to this client.")
  private String clientId;

  @Option(names = "--request-id", paramLabel = "ID", description = "Only the reply to this request id.")
  private String requestId;

  @Option(names = "--topic", defaultValue = Topics.AUDIT, paramLabel = "TOPIC",
      description = "The audit topic to read (default: ${DEFAULT-VALUE}).")
  private String topic;

  @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors.")
  private boolean verbose;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  private final CliEnvironment environment;

  /** The command as the launcher mounts it. */
  public AuditReplayCommand() {
    this(CliEnvironment.system());
  }

  AuditReplayCommand(final CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    final PrintWriter out = spec.commandLine().getOut();
    final PrintWriter err = spec.commandLine().getErr();
    try {
      final Endpoints endpoints = connection.resolve(environment);
      final Counts counts = new Counts();
      try (AuditTopicReader reader = AuditTopicReader.open(endpoints.kafkaConfig(Map.of(
          ConsumerConfig.CLIENT_ID_CONFIG, "rng-audit-replay")), topic, start.position(), CONNECT_TIMEOUT);
          AuditDecoder decoder = AuditSerdes.decoder(endpoints)) {
        if (!reader.topicExists(to, CONNECT_TIMEOUT)) {
          throw new CliFailure("topic " + to + " does not exist; create it first (replay never creates topics)");
        }
        final AvroKafkaSerializer<RandomReply> serializer = AuditSerdes.replySerializer(endpoints);
        try (KafkaProducer<String, RandomReply> producer = new KafkaProducer<>(endpoints.kafkaConfig(Map.of(
            ProducerConfig.CLIENT_ID_CONFIG, "rng-audit-replay",
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)), new StringSerializer(), serializer)) {
          final AtomicReference<Exception> sendFailure = new AtomicReference<>();
          final SignalStop stop = new SignalStop("rng-audit-replay-stop", reader::stop);
          try {
            reader.read(false, (partition, records) -> {
              for (final ConsumerRecord<byte[], byte[]> record : records) {
                counts.read++;
                replyOf(decoder, record, err).ifPresent(reply -> {
                  producer.send(new ProducerRecord<>(to, null, reply.reply().getRequestId(), reply.reply(),
                      reply.headers()), (metadata, error) -> sendFailure.compareAndSet(null, error));
                  counts.written++;
                });
              }
            });
            producer.flush();
          } finally {
            stop.close();
          }
          if (sendFailure.get() != null) {
            throw new CliFailure("writing to " + to + " failed: " + sendFailure.get().getMessage());
          }
        }
      }
      out.println("replayed " + counts.written + " replies to " + to + " (" + counts.read + " audit records read from "
          + topic + (clientId == null ? "" : ", client " + clientId)
          + (requestId == null ? "" : ", request " + requestId) + ")");
      return ExitCodes.OK;
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

  private static byte[] bytes(final ByteBuffer buffer) {
    final ByteBuffer view = buffer.duplicate();
    final byte[] copy = new byte[view.remaining()];
    view.get(copy);
    return copy;
  }

  private record Replay(RandomReply reply, RecordHeaders headers) {
  }

  private static final class Counts {
    private long read;
    private long written;
  }

  private Optional<Replay> replyOf(final AuditDecoder decoder, final ConsumerRecord<byte[], byte[]> record,
      final PrintWriter err) {
    final AuditRecord audit;
    try {
      audit = decoder.decode(record.topic(), record.value());
    } catch (RuntimeException e) {
      err.println("skipped " + record.partition() + ":" + record.offset() + ": not an AuditRecord: " + e.getMessage());
      return Optional.empty();
    }
    if ((clientId != null && !clientId.equals(audit.getClientId()))
        || (requestId != null && !requestId.equals(audit.getRequestId()))) {
      return Optional.empty();
    }
    return AuditReplies.replyOf(audit).map(reply -> {
      final RecordHeaders headers = new RecordHeaders();
      if (audit.getCorrelationId() != null) {
        headers.add(Headers.CORRELATION_ID, bytes(audit.getCorrelationId()));
      }
      return new Replay(reply, headers);
    });
  }
}
