package io.rngstream.processor.topology;

import io.rngstream.avro.ErrorCode;
import io.rngstream.core.protocol.Headers;
import io.rngstream.core.protocol.ReplyPartitions;
import io.rngstream.processor.validation.Rejection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Header;

/**
 * Reads the request-reply headers ({@code kafka_replyTopic}, {@code kafka_replyPartition}, {@code kafka_correlationId})
 * and decides where the reply goes. Anything the caller may not choose is a rejection sent to the default reply topic.
 * Some topics are refused whatever the allow-list says, so that a carelessly wide regex ({@code .*}) cannot let a
 * caller write into the processor's own topics: the requests, audit and dead-letter topics, every topic starting with
 * {@code _} (Kafka's {@code __consumer_offsets}, {@code __transaction_state}, registries' {@code _schemas}) and every
 * topic starting with {@code <application.id>-} (Kafka Streams' changelog and repartition topics), {@code .}, and
 * names with {@code ..} in them (path-like; Kafka refuses {@code .} and {@code ..}, and no reply topic needs them).
 */
public final class ReplyRouter {
  /** Longest correlation id copied onto a reply; longer ones are rejected, so a caller cannot bloat the reply topic. */
  public static final int MAX_CORRELATION_ID_BYTES = 256;
  private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private final String defaultTopic;
  private final Pattern allowedTopics;
  private final TopicPartitionCounts partitionCounts;
  private final Set<String> ownTopics;
  private final String internalTopicPrefix;

  /**
   * A router for the default reply topic and the allow-list.
   *
   * @param ownTopics the processor's topics no reply may go to (requests, audit, dead letters)
   * @param applicationId the Kafka Streams application id, whose {@code <id>-} prefix marks its internal topics
   */
  public ReplyRouter(final String defaultTopic, final Pattern allowedTopics, final TopicPartitionCounts partitionCounts,
      final Set<String> ownTopics, final String applicationId) {
    this.defaultTopic = defaultTopic;
    this.allowedTopics = allowedTopics;
    this.partitionCounts = partitionCounts;
    this.ownTopics = Set.copyOf(ownTopics);
    this.internalTopicPrefix = applicationId + "-";
  }

  ReplyRoute route(final org.apache.kafka.common.header.Headers headers) {
    for (final String key : List.of(Headers.CORRELATION_ID, Headers.REPLY_TOPIC, Headers.REPLY_PARTITION)) {
      if (count(headers, key) > 1) {
        // Which one would count is a matter of library habit (first or last); a request must not be ambiguous.
        return toDefault(null, ErrorCode.INVALID_HEADER, key + " appears " + count(headers, key)
            + " times; send it at most once");
      }
    }
    final byte[] correlationId = lastValue(headers, Headers.CORRELATION_ID);
    if (correlationId != null && correlationId.length > MAX_CORRELATION_ID_BYTES) {
      return toDefault(null, ErrorCode.INVALID_HEADER, Headers.CORRELATION_ID + " has " + correlationId.length
          + " bytes; at most " + MAX_CORRELATION_ID_BYTES + " are allowed");
    }
    final byte[] topicHeader = lastValue(headers, Headers.REPLY_TOPIC);
    final byte[] partitionHeader = lastValue(headers, Headers.REPLY_PARTITION);
    final String topic;
    if (topicHeader == null) {
      topic = defaultTopic;
    } else {
      final Optional<String> name = utf8(topicHeader);
      if (name.isEmpty() || !LEGAL_TOPIC.matcher(name.get()).matches()) {
        return toDefault(correlationId, ErrorCode.REPLY_TOPIC_NOT_ALLOWED, Headers.REPLY_TOPIC + " "
            + printable(topicHeader) + " is not a legal topic name");
      }
      if (!name.get().equals(defaultTopic) && reserved(name.get())) {
        return toDefault(correlationId, ErrorCode.REPLY_TOPIC_NOT_ALLOWED, "reply topic " + name.get()
            + " is reserved: replies never go to the service's own, Kafka's internal or Kafka Streams' topics");
      }
      if (!allowedTopics.matcher(name.get()).matches()) {
        return toDefault(correlationId, ErrorCode.REPLY_TOPIC_NOT_ALLOWED, "reply topic " + name.get()
            + " is not allowed; reply topics must match " + allowedTopics.pattern());
      }
      topic = name.get();
    }
    final OptionalInt partitions = partitionCounts.partitionsOf(topic);
    if (partitions.isEmpty()) {
      return toDefault(correlationId, ErrorCode.REPLY_TOPIC_NOT_FOUND, "reply topic " + topic
          + " does not exist; create it before asking for replies on it");
    }
    if (partitionHeader == null) {
      return new ReplyRoute(topic, null, correlationId, Optional.empty());
    }
    final OptionalInt partition = ReplyPartitions.decode(partitionHeader);
    if (partition.isEmpty()) {
      return toDefault(correlationId, ErrorCode.INVALID_REPLY_PARTITION, Headers.REPLY_PARTITION + " has "
          + partitionHeader.length + " bytes; it must be a 4-byte big-endian int");
    }
    if (partition.getAsInt() < 0 || partition.getAsInt() >= partitions.getAsInt()) {
      return toDefault(correlationId, ErrorCode.INVALID_REPLY_PARTITION, "reply partition " + partition.getAsInt()
          + " does not exist; " + topic + " has partitions 0 to " + (partitions.getAsInt() - 1));
    }
    return new ReplyRoute(topic, partition.getAsInt(), correlationId, Optional.empty());
  }

  /** Topics no caller may name, whatever the allow-list: they belong to the service or to Kafka. */
  private boolean reserved(final String topic) {
    return ownTopics.contains(topic) || topic.startsWith("_") || topic.startsWith(internalTopicPrefix)
        || topic.contains("..") || topic.equals(".");
  }

  private static int count(final org.apache.kafka.common.header.Headers headers, final String key) {
    int count = 0;
    for (final Header ignored : headers.headers(key)) {
      count++;
    }
    return count;
  }

  private ReplyRoute toDefault(final byte[] correlationId, final ErrorCode code, final String message) {
    return new ReplyRoute(defaultTopic, null, correlationId, Optional.of(new Rejection(code, message)));
  }

  private static byte[] lastValue(final org.apache.kafka.common.header.Headers headers, final String key) {
    final Header header = headers.lastHeader(key);
    return header == null ? null : header.value();
  }

  private static Optional<String> utf8(final byte[] bytes) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static String printable(final byte[] bytes) {
    final byte[] head = bytes.length > 64 ? java.util.Arrays.copyOf(bytes, 64) : bytes;
    return "(hex " + HexFormat.of().formatHex(head) + (bytes.length > 64 ? "…, " + bytes.length + " bytes)" : ")");
  }
}
