package io.rngstream.core.protocol;

/**
 * Record header names. The request-reply ones follow Spring Kafka's {@code ReplyingKafkaTemplate},
 * so its users can call the service unchanged.
 */
public final class Headers {
  /** Opaque bytes chosen by the caller, copied byte for byte onto the reply. */
  public static final String CORRELATION_ID = "kafka_correlationId";
  /** UTF-8 name of the topic the caller wants the reply on; must match the allow-list. */
  public static final String REPLY_TOPIC = "kafka_replyTopic";
  /** 4-byte big-endian partition of the reply topic the caller reads. */
  public static final String REPLY_PARTITION = "kafka_replyPartition";
  /** W3C trace context. */
  public static final String TRACEPARENT = "traceparent";
  /** W3C trace state, carried along with {@link #TRACEPARENT}. */
  public static final String TRACESTATE = "tracestate";

  /** Dead letters: why the record could not be read (a {@code DeadLetterReason} name). */
  public static final String DLQ_REASON = "rng.dlq.reason";
  /** Dead letters: the error in words. */
  public static final String DLQ_MESSAGE = "rng.dlq.message";
  /** Dead letters: topic the record came from. */
  public static final String DLQ_SOURCE_TOPIC = "rng.dlq.source.topic";
  /** Dead letters: partition the record came from (decimal text). */
  public static final String DLQ_SOURCE_PARTITION = "rng.dlq.source.partition";
  /** Dead letters: offset the record had (decimal text). */
  public static final String DLQ_SOURCE_OFFSET = "rng.dlq.source.offset";

  private Headers() {
  }
}
