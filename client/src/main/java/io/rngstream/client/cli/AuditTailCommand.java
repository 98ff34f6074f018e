package io.rngstream.client.cli;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.strategy.RecordIdStrategy;
import io.rngstream.avro.AuditRecord;
import io.rngstream.core.protocol.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rng audit tail}: follows the audit trail and prints one line (or one JSON object) per draw. Reads only
 * committed records, so what it prints is exactly what the processor answered. Ctrl-C stops it.
 */
@Command(name = "tail", description = "Follows the audit trail and prints one line per draw; Ctrl-C stops.",
    exitCodeOnInvalidInput = ExitCodes.FAILED, exitCodeOnExecutionException = ExitCodes.FAILED)
public final class AuditTailCommand implements Callable<Integer> {
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  @Spec
  private CommandSpec spec;

  @Mixin
  private ConnectionOptions connection;

  @Option(names = "--from-beginning", description = "Start at the oldest record kept, not at the end.")
  private boolean fromBeginning;

  @Option(names = "--no-follow", description = "Stop at the end of the trail as it was when the command started.")
  private boolean noFollow;

  @Option(names = "--json", description = "Print each record as one line of JSON.")
  private boolean json;

  @Option(names = "--topic", defaultValue = Topics.AUDIT, paramLabel = "TOPIC",
      description = "The audit topic (default: ${DEFAULT-VALUE}).")
  private String topic;

  @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors.")
  private boolean verbose;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  private final CliEnvironment environment;

  /** The command as the launcher mounts it. */
  public AuditTailCommand() {
    this(CliEnvironment.system());
  }

  AuditTailCommand(final CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    final PrintWriter out = spec.commandLine().getOut();
    final PrintWriter err = spec.commandLine().getErr();
    try {
      final Endpoints endpoints = connection.resolve(environment);
      try (KafkaConsumer<byte[], byte[]> consumer = consumer(endpoints);
          AvroKafkaDeserializer<Object> records = deserializer(endpoints)) {
        final Map<TopicPartition, Long> ends = position(consumer);
        follow(consumer, records, ends, out);
      }
      return ExitCodes.OK;
    } catch (CliFailure | KafkaException | IllegalArgumentException e) {
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

  /** Assigns every partition, seeks, and returns the end offsets as of now (where --no-follow stops). */
  private Map<TopicPartition, Long> position(final KafkaConsumer<byte[], byte[]> consumer) {
    final List<PartitionInfo> partitions = consumer.partitionsFor(topic, CONNECT_TIMEOUT);
    if (partitions == null || partitions.isEmpty()) {
      throw new CliFailure("audit topic " + topic + " does not exist (the processor creates it when it starts)");
    }
    final List<TopicPartition> assignment = partitions.stream()
        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    consumer.assign(assignment);
    if (fromBeginning) {
      consumer.seekToBeginning(assignment);
    } else {
      consumer.seekToEnd(assignment);
    }
    assignment.forEach(partition -> consumer.position(partition, CONNECT_TIMEOUT));
    // Under read_committed these are the last stable offsets: the end of what has been committed.
    return consumer.endOffsets(assignment, CONNECT_TIMEOUT);
  }

  private void follow(final KafkaConsumer<byte[], byte[]> consumer, final AvroKafkaDeserializer<Object> records,
      final Map<TopicPartition, Long> ends, final PrintWriter out) {
    final CountDownLatch finished = new CountDownLatch(1);
    // Ctrl-C: let the poll return so that the consumer closes cleanly, and the last lines are flushed.
    final Thread stopOnSignal = new Thread(() -> {
      consumer.wakeup();
      awaitQuietly(finished);
    }, "rng-audit-tail-stop");
    Runtime.getRuntime().addShutdownHook(stopOnSignal);
    try {
      while (!(noFollow && reachedEnd(consumer, ends))) {
        for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
          out.println(render(records, record));
        }
        out.flush();
      }
    } catch (WakeupException e) {
      // Ctrl-C.
    } finally {
      finished.countDown();
      removeQuietly(stopOnSignal);
    }
  }

  private String render(final AvroKafkaDeserializer<Object> records, final ConsumerRecord<byte[], byte[]> record) {
    try {
      final Object value = records.deserialize(record.topic(), record.headers(), record.value());
      if (value instanceof AuditRecord audit) {
        return json ? AvroJson.of(audit) : AuditLine.of(audit);
      }
      return "# " + record.partition() + ":" + record.offset() + " is not an AuditRecord";
    } catch (RuntimeException e) {
      return "# " + record.partition() + ":" + record.offset() + " cannot be read: " + e.getMessage();
    }
  }

  private static boolean reachedEnd(final KafkaConsumer<byte[], byte[]> consumer, final Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
  }

  private static KafkaConsumer<byte[], byte[]> consumer(final Endpoints endpoints) {
    return new KafkaConsumer<>(endpoints.kafkaConfig(Map.of(
        // The processor writes audit records in transactions; aborted ones never happened.
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
        ConsumerConfig.CLIENT_ID_CONFIG, "rng-audit-tail")), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static AvroKafkaDeserializer<Object> deserializer(final Endpoints endpoints) {
    final AvroKafkaDeserializer<Object> deserializer = new AvroKafkaDeserializer<>();
    deserializer.configure(endpoints.serdeConfig(Map.of(
        "apicurio.registry.artifact-resolver-strategy", RecordIdStrategy.class.getName(),
        "apicurio.registry.use-specific-avro-reader", true)), false);
    return deserializer;
  }

  private static void awaitQuietly(final CountDownLatch finished) {
    try {
      finished.await(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeQuietly(final Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down already: the hook is running, and waits for us.
    }
  }
}
