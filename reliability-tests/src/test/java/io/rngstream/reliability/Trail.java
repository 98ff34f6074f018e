package io.rngstream.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.avro.AuditKind;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.RandomReply;
import io.rngstream.core.audit.AuditVerifier;
import io.rngstream.core.audit.Finding;
import io.rngstream.core.audit.PartitionSummary;
import io.rngstream.core.audit.PartitionVerifier;
import io.rngstream.core.signing.KeyRing;
import io.rngstream.processor.topology.ContractSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything committed to a scenario's replies, audit and dead-letter topics, read from the beginning with
 * {@code read_committed} as an auditor would, and the checks every scenario makes on it.
 */
final class Trail implements AutoCloseable {
  private final Reader<Object> replies;
  private final Reader<Object> audit;
  private final Reader<byte[]> deadLetters;
  private final KeyRing keys;

  Trail(final String bootstrapServers, final String registryUrl, final TopicSet topics, final KeyRing keys) {
    final ContractSerdes serdes = new ContractSerdes(registryUrl, Map.of());
    this.replies = new Reader<>(bootstrapServers, topics.replies(), serdes.valueDeserializer());
    this.audit = new Reader<>(bootstrapServers, topics.audit(), serdes.valueDeserializer());
    this.deadLetters = new Reader<>(bootstrapServers, topics.deadLetters(), new ByteArrayDeserializer());
    this.keys = keys;
  }

  /** Replies read so far (polls once more). */
  List<RandomReply> replies() {
    return replies.poll().stream().map(record -> (RandomReply) record.value()).toList();
  }

  /** Replies with the time each was generated and the time its request was sent (the record timestamp). */
  List<ConsumerRecord<String, Object>> replyRecords() {
    return replies.poll();
  }

  /** Audit records read so far, checkpoints included, with their partition and offset. */
  List<ConsumerRecord<String, Object>> auditRecords() {
    return audit.poll();
  }

  /** Non-checkpoint audit records read so far. */
  List<AuditRecord> draws() {
    return audit.poll().stream().map(record -> (AuditRecord) record.value())
        .filter(record -> record.getKind() != AuditKind.CHECKPOINT).toList();
  }

  /** Dead letters read so far. */
  List<ConsumerRecord<String, byte[]>> deadLetters() {
    return deadLetters.poll();
  }

  /** The {@code rng.dlq.reason} header of each dead letter. */
  List<String> deadLetterReasons() {
    return deadLetters().stream().map(record -> {
      final Header reason = record.headers().lastHeader("rng.dlq.reason");
      return reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8);
    }).toList();
  }

  /** True once every id has a reply and an audit record (more are allowed here: the checks find them). */
  boolean covers(final Collection<String> requestIds) {
    final Set<String> replied = replies().stream().map(RandomReply::getRequestId).collect(Collectors.toSet());
    final Set<String> audited = draws().stream().map(AuditRecord::getRequestId).collect(Collectors.toSet());
    return replied.containsAll(requestIds) && audited.containsAll(requestIds);
  }

  /**
   * The promise: every request id has exactly one reply and exactly one DRAW audit record, no DUPLICATE (the load
   * never resends), the reply and the audit record carry the same draw, and nothing else was answered.
   */
  void assertExactlyOnce(final Collection<String> requestIds) {
    final Map<String, List<RandomReply>> repliesById = replies().stream()
        .collect(Collectors.groupingBy(RandomReply::getRequestId));
    final Map<String, List<AuditRecord>> auditById = draws().stream()
        .collect(Collectors.groupingBy(AuditRecord::getRequestId));
    assertThat(repliesById.keySet()).as("request ids with a reply").containsExactlyInAnyOrderElementsOf(Set.copyOf(requestIds));
    assertThat(auditById.keySet()).as("request ids with an audit record").containsExactlyInAnyOrderElementsOf(Set.copyOf(requestIds));
    assertThat(moreThanOne(repliesById)).as("request ids with more than one reply").isEmpty();
    assertThat(moreThanOne(auditById)).as("request ids with more than one audit record").isEmpty();
    assertThat(draws()).as("audit records that are not DRAW").allMatch(record -> record.getKind() == AuditKind.DRAW);
    assertThat(replies()).as("replies marked duplicate").noneMatch(RandomReply::getDuplicate);
    for (final String id : requestIds) {
      final RandomReply reply = repliesById.get(id).get(0);
      final AuditRecord record = auditById.get(id).get(0);
      assertThat(record.getNumbers()).as("numbers of " + id + " in its reply and its audit record").isEqualTo(reply.getNumbers());
      assertThat(record.getSerial()).as("serial of " + id).isEqualTo(reply.getSerial());
    }
    final Set<String> serials = replies().stream().map(RandomReply::getSerial).collect(Collectors.toSet());
    assertThat(serials).as("distinct serials (one request offset, one draw)").hasSize(requestIds.size());
  }

  /** Runs the core audit verifier over every partition from offset 0; returns the summaries, asserts no finding. */
  Map<Integer, PartitionSummary> assertVerifierPasses() {
    final AuditVerifier verifier = new AuditVerifier(keys);
    final Map<Integer, PartitionVerifier> byPartition = new TreeMap<>();
    final List<Finding> findings = new ArrayList<>();
    for (final ConsumerRecord<String, Object> record : auditRecords()) {
      findings.addAll(byPartition.computeIfAbsent(record.partition(), verifier::forPartition)
          .accept(record.offset(), (AuditRecord) record.value()));
    }
    assertThat(findings).as("the audit verifier's findings over the whole trail").isEmpty();
    final Map<Integer, PartitionSummary> summaries = new TreeMap<>();
    byPartition.forEach((partition, partitionVerifier) -> summaries.put(partition, partitionVerifier.summary()));
    assertThat(summaries.values()).as("partition summaries").allMatch(PartitionSummary::ok);
    return summaries;
  }

  /** True when a signed checkpoint covers every record of every partition read so far. */
  boolean fullyCheckpointed() {
    final AuditVerifier verifier = new AuditVerifier(keys);
    final Map<Integer, PartitionVerifier> byPartition = new HashMap<>();
    for (final ConsumerRecord<String, Object> record : auditRecords()) {
      byPartition.computeIfAbsent(record.partition(), verifier::forPartition).accept(record.offset(), (AuditRecord) record.value());
    }
    return !byPartition.isEmpty() && byPartition.values().stream().allMatch(p -> p.summary().uncoveredRecords() == 0);
  }

  private static <T> Map<String, Integer> moreThanOne(final Map<String, List<T>> grouped) {
    return grouped.entrySet().stream().filter(entry -> entry.getValue().size() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().size()));
  }

  @Override
  public void close() {
    replies.close();
    audit.close();
    deadLetters.close();
  }

  /** One topic from offset 0, all partitions assigned, no group, read_committed; keeps what it read. */
  private static final class Reader<V> implements AutoCloseable {
    private final KafkaConsumer<String, V> consumer;
    private final List<ConsumerRecord<String, V>> records = new ArrayList<>();

    Reader(final String bootstrapServers, final String topic, final Deserializer<V> values) {
      consumer = new KafkaConsumer<>(Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
          ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
          ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
          // The processor creates its topics; a reader must never create one with the broker's defaults.
          ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false), new StringDeserializer(), values);
      final List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    synchronized List<ConsumerRecord<String, V>> poll() {
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      return List.copyOf(records);
    }

    @Override
    public synchronized void close() {
      consumer.close();
    }
  }

  /** Groups by a key function; used for the per-instance view of scenario 2. */
  static <T, K> Map<K, Long> countBy(final Collection<T> items, final Function<T, K> key) {
    return items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
  }
}
