package io.rngstream.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.strategy.RecordIdStrategy;
import io.rngstream.avro.AuditKind;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.client.audit.TrustedKeys;
import io.rngstream.client.sdk.DrawRequest;
import io.rngstream.client.sdk.RngClient;
import io.rngstream.client.testing.AuditChains;
import io.rngstream.client.testing.ProcessorExtension;
import io.rngstream.client.testing.RunningProcessor;
import io.rngstream.client.testing.TestTopics;
import io.rngstream.core.audit.ChainHead;
import io.rngstream.core.audit.ChainLink;
import io.rngstream.core.audit.ReplyJson;
import io.rngstream.core.audit.ReplyVerifier;
import io.rngstream.core.json.Json;
import io.rngstream.core.protocol.Topics;
import io.rngstream.core.signing.Ed25519Keys;
import io.rngstream.core.signing.KeyRing;
import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.StackEndpoints;
import java.io.IOException;
import java.math.BigDecimal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * audit verify, audit replay and verify-reply against a real processor's signed, chained trail. Tampering is done
 * on copies: real audit records written, changed, to a topic of their own by a plain producer, partition for
 * partition, and verified there with {@code --topic}.
 */
@ExtendWith(DevStackExtension.class)
@ExtendWith(ProcessorExtension.class)
class AuditToolsIT {
  private static final int CLIENTS = 6;
  private static final int DRAWS_PER_CLIENT = 5;

  private static StackEndpoints stack;
  private static String keysUrl;
  private static final List<RandomReply> REPLIES = new ArrayList<>();
  /** The processor's trail, record by record per partition, in offset order. */
  private static Map<Integer, List<AuditRecord>> trail;

  @TempDir
  Path folder;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void drawAndReadTheTrail(final StackEndpoints endpoints, final RunningProcessor processor) {
    stack = endpoints;
    keysUrl = processor.keysUrl();
    // Several clients, so that the draws spread over several audit partitions.
    for (int c = 0; c < CLIENTS; c++) {
      try (RngClient client = RngClient.builder().bootstrapServers(stack.bootstrapServers())
          .registryUrl(stack.registryUrl()).clientId("audit-tools-it-" + c).timeout(Duration.ofSeconds(30)).build()) {
        for (int i = 0; i < DRAWS_PER_CLIENT; i++) {
          REPLIES.add(client.drawNow(DrawRequest.between(1, 49).count(6).unique(true)));
        }
      }
    }
    assumeThat(REPLIES.get(0).getSignature()).as("the processor signs its replies (issue 5)").isNotNull();
    await("every draw recorded").atMost(Duration.ofSeconds(30)).until(() -> {
      trail = readTrail(Topics.AUDIT);
      return trail.values().stream().flatMap(List::stream)
          .filter(record -> record.getClientId().startsWith("audit-tools-it-")).count() >= REPLIES.size();
    });
  }

  @Test
  void verifiesTheProcessorsTrailAndSeesItCoveredByCheckpoints() {
    assertThat(verify(Topics.AUDIT)).as(out + "\n" + err).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("audit trail rng.audit.v1: ").contains("\nOK: ");

    // The processor checkpoints every second in these tests: soon nothing is left uncovered.
    await("a checkpoint covers every record").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      out.getBuffer().setLength(0);
      assertThat(verify(Topics.AUDIT, "--json")).isEqualTo(ExitCodes.OK);
      final Map<String, Object> summary = Json.parseObject(out.toString().strip().lines()
          .reduce((first, last) -> last).orElseThrow());
      assertThat(summary).containsEntry("ok", true).containsEntry("uncovered", BigDecimal.ZERO);
    });
  }

  @Test
  void verifiesAnExactCopyOfTheTrail() {
    final String topic = copy(partitions -> partitions);

    assertThat(verify(topic)).as(out + "\n" + err).isEqualTo(ExitCodes.OK);
  }

  @Test
  void catchesAChangedNumber() {
    final String topic = copy(partitions -> {
      final List<AuditRecord> records = partitions.get(busiest());
      final int i = indexOfDraw(records, 2);
      final AuditRecord changed = AuditRecord.newBuilder(records.get(i)).build();
      final List<Long> numbers = new ArrayList<>(changed.getNumbers());
      numbers.set(0, numbers.get(0) == 1L ? 2L : 1L);
      changed.setNumbers(numbers);
      records.set(i, changed);
      return partitions;
    });

    assertThat(verify(topic, "--json")).isEqualTo(ExitCodes.FAILED);

    assertThat(failureKinds()).contains("HASH_MISMATCH", "BAD_SIGNATURE", "NUMBERS_MISMATCH");
  }

  @Test
  void catchesARemovedRecord() {
    final String topic = copy(partitions -> {
      final List<AuditRecord> records = partitions.get(busiest());
      records.remove(indexOfDraw(records, 2));
      return partitions;
    });

    assertThat(verify(topic, "--json")).isEqualTo(ExitCodes.FAILED);

    assertThat(failureKinds()).contains("SEQUENCE_GAP", "BROKEN_LINK");
  }

  @Test
  void catchesTwoSwappedRecords() {
    final String topic = copy(partitions -> {
      final List<AuditRecord> records = partitions.get(busiest());
      final int i = indexOfDraw(records, 1);
      Collections.swap(records, i, i + 1);
      return partitions;
    });

    assertThat(verify(topic, "--json")).isEqualTo(ExitCodes.FAILED);

    assertThat(failureKinds()).contains("SEQUENCE_REORDERED");
  }

  @Test
  void catchesARecordCopiedFromAnotherPartition() {
    final String topic = copy(partitions -> {
      final int target = busiest();
      final AuditRecord foreign = partitions.entrySet().stream().filter(entry -> entry.getKey() != target)
          .flatMap(entry -> entry.getValue().stream()).filter(record -> record.getKind() == AuditKind.DRAW)
          .findFirst().orElseThrow(() -> new AssertionError("the draws reached one audit partition only"));
      partitions.get(target).add(foreign);
      return partitions;
    });

    assertThat(verify(topic, "--json")).isEqualTo(ExitCodes.FAILED);

    assertThat(failureKinds()).contains("WRONG_PARTITION");
  }

  @Test
  void catchesADrawSignedWithAnotherKey() {
    final String topic = copy(partitions -> {
      final int partition = busiest();
      final List<AuditRecord> records = partitions.get(partition);
      final AuditRecord head = records.get(records.size() - 1);
      // Well formed and correctly chained, but signed by someone who does not hold the processor's key.
      records.add(ChainLink.link(partition, ChainHead.of(head),
          AuditChains.drawRecord(partition, head.getSourceOffset() + 1, new Random(1), Ed25519Keys.generate())));
      return partitions;
    });

    assertThat(verify(topic, "--json")).isEqualTo(ExitCodes.FAILED);

    assertThat(failureKinds()).containsExactly("UNKNOWN_KEY");
  }

  @Test
  void catchesAForgedRecordAppendedByAnotherProducer() {
    final String topic = copy(partitions -> {
      final List<AuditRecord> records = partitions.get(busiest());
      // A genuine signed draw, written again by a producer that cannot extend the processor's chain.
      final AuditRecord forged = AuditRecord.newBuilder(records.get(indexOfDraw(records, 0)))
          .setSequence(null).setPrevHash(null).setHash(null).build();
      records.add(forged);
      return partitions;
    });

    assertThat(verify(topic, "--json")).isEqualTo(ExitCodes.FAILED);

    assertThat(failureKinds()).contains("UNCHAINED");
  }

  @Test
  void replaysTheRecordedRepliesOfOneClient() {
    final String to = "rng.replies.replay-" + UUID.randomUUID().toString().substring(0, 8);
    TestTopics.create(stack, to, 2);
    final String client = REPLIES.get(0).getClientId();

    final int exit = new CommandLine(new AuditCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute("replay", "--to", to, "--from-beginning", "--client-id", client,
            "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl());

    assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).startsWith("replayed " + DRAWS_PER_CLIENT + " replies to " + to);
    final KeyRing keys = TrustedKeys.fromUrl(URI.create(keysUrl));
    final List<RandomReply> replayed = readReplies(to);
    assertThat(replayed).extracting(RandomReply::getRequestId).containsExactlyInAnyOrderElementsOf(
        REPLIES.stream().filter(reply -> reply.getClientId().equals(client)).map(RandomReply::getRequestId).toList());
    assertThat(replayed).allSatisfy(reply -> assertThat(ReplyVerifier.verify(reply, keys))
        .as("the original signature verifies").isEmpty());
  }

  @Test
  void verifyReplyAcceptsWhatDrawPrintsAndRefusesItChanged() throws IOException {
    final int drawn = new CommandLine(new DrawCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute("--min", "1", "--max", "49", "--count", "6", "--unique", "--json", "--timeout", "30s",
            "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl());
    assertThat(drawn).as(err.toString()).isEqualTo(ExitCodes.OK);
    final Path genuine = Files.writeString(folder.resolve("reply.json"), out.toString());
    final RandomReply reply = ReplyJson.read(out.toString().strip());
    final List<Long> numbers = new ArrayList<>(reply.getNumbers());
    numbers.set(5, numbers.get(5) == 49L ? 48L : 49L);
    final Path changed = Files.writeString(folder.resolve("changed.json"),
        ReplyJson.write(RandomReply.newBuilder(reply).setNumbers(numbers).build()));

    assertThat(verifyReply(genuine)).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(verifyReply(changed)).isEqualTo(ExitCodes.FAILED);
    assertThat(err.toString()).contains("invalid: request " + reply.getRequestId());
  }

  private int verifyReply(final Path file) {
    out.getBuffer().setLength(0);
    return new CommandLine(new VerifyReplyCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(file.toString(), "--keys-url", keysUrl);
  }

  private int verify(final String topic, final String... extra) {
    final List<String> args = new ArrayList<>(List.of("verify", "--from-beginning", "--topic", topic,
        "--keys-url", keysUrl, "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl()));
    args.addAll(List.of(extra));
    return new CommandLine(new AuditCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(args.toArray(String[]::new));
  }

  private List<String> failureKinds() {
    return out.toString().lines().filter(line -> line.startsWith("{\"type\":\"failure\""))
        .map(line -> (String) Json.parseObject(line).get("kind")).toList();
  }

  /** The audit partition with the most draws of this test's clients. */
  private static int busiest() {
    return trail.entrySet().stream().max(Comparator.comparingLong(entry -> entry.getValue().stream()
        .filter(record -> record.getClientId().startsWith("audit-tools-it-")).count())).orElseThrow().getKey();
  }

  /** The index of the n-th (from 0) DRAW record with numbers that has a DRAW record after it. */
  private static int indexOfDraw(final List<AuditRecord> records, final int n) {
    int seen = 0;
    for (int i = 0; i < records.size() - 1; i++) {
      final AuditRecord record = records.get(i);
      if (record.getKind() == AuditKind.DRAW && record.getStatus() == ReplyStatus.OK
          && records.get(i + 1).getKind() == AuditKind.DRAW && seen++ == n) {
        return i;
      }
    }
    throw new AssertionError("fewer than " + (n + 1) + " draws in the partition");
  }

  /** Writes the trail, changed by {@code tamper}, to a new topic with as many partitions; returns its name. */
  private static String copy(final UnaryOperator<Map<Integer, List<AuditRecord>>> tamper) {
    final Map<Integer, List<AuditRecord>> copy = new TreeMap<>();
    trail.forEach((partition, records) -> copy.put(partition, new ArrayList<>(records)));
    final Map<Integer, List<AuditRecord>> tampered = tamper.apply(copy);
    final String topic = "rng.audit.tamper-" + UUID.randomUUID().toString().substring(0, 8);
    TestTopics.create(stack, topic, partitionCount());
    final AvroKafkaSerializer<AuditRecord> values = new AvroKafkaSerializer<>();
    values.configure(Map.of("apicurio.registry.url", stack.registryUrl(),
        "apicurio.registry.artifact-resolver-strategy", RecordIdStrategy.class.getName(),
        "apicurio.registry.auto-register", true), false);
    try (KafkaProducer<String, AuditRecord> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), values)) {
      tampered.forEach((partition, records) -> records.forEach(record ->
          producer.send(new ProducerRecord<>(topic, partition, record.getClientId(), record))));
      producer.flush();
    }
    return topic;
  }

  private static int partitionCount() {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      return consumer.partitionsFor(Topics.AUDIT).size();
    }
  }

  private static Map<Integer, List<AuditRecord>> readTrail(final String topic) {
    final Map<Integer, List<AuditRecord>> byPartition = new TreeMap<>();
    for (final ConsumerRecord<String, Object> record : readAll(topic)) {
      byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add((AuditRecord) record.value());
    }
    return byPartition;
  }

  private static List<RandomReply> readReplies(final String topic) {
    return readAll(topic).stream().map(record -> (RandomReply) record.value()).toList();
  }

  /** Every committed record of a topic as it is now, decoded, in offset order per partition. */
  private static List<ConsumerRecord<String, Object>> readAll(final String topic) {
    final AvroKafkaDeserializer<Object> values = new AvroKafkaDeserializer<>();
    values.configure(Map.of("apicurio.registry.url", stack.registryUrl(),
        "apicurio.registry.use-specific-avro-reader", true), false);
    final Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
      final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      final List<ConsumerRecord<String, Object>> records = new ArrayList<>();
      final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())
          && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }
}
