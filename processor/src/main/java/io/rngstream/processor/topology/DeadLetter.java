package io.rngstream.processor.topology;

import io.rngstream.core.protocol.DeadLetterReason;
import io.rngstream.core.protocol.Headers;
import io.rngstream.processor.observe.RequestObserver;
import io.rngstream.processor.topology.DecodedRequest.Unreadable;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Step 2b: an unreadable record keeps its original key, value and headers, plus headers that say why and whence. */
final class DeadLetter implements Processor<byte[], DecodedRequest, byte[], byte[]> {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetter.class);
  private final RequestObserver observer;
  private final int maxKeyBytes;
  private ProcessorContext<byte[], byte[]> context;

  DeadLetter(final RequestObserver observer, final int maxKeyBytes) {
    this.observer = observer;
    this.maxKeyBytes = maxKeyBytes;
  }

  @Override
  public void init(final ProcessorContext<byte[], byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(final Record<byte[], DecodedRequest> record) {
    final Unreadable unreadable = (Unreadable) record.value();
    final RecordMetadata source = context.recordMetadata().orElseThrow();
    // A copy: the source record's headers are not this step's to change. An oversized record keeps none of them (one
    // of them may be what made it too large) and at most limits.max-request-bytes of its key and value.
    final boolean tooLarge = unreadable.reason() == DeadLetterReason.REQUEST_TOO_LARGE;
    final org.apache.kafka.common.header.Headers headers = tooLarge ? new RecordHeaders() : new RecordHeaders(record.headers().toArray());
    put(headers, Headers.DLQ_REASON, unreadable.reason().name());
    put(headers, Headers.DLQ_MESSAGE, unreadable.message());
    put(headers, Headers.DLQ_SOURCE_TOPIC, source.topic());
    put(headers, Headers.DLQ_SOURCE_PARTITION, Integer.toString(source.partition()));
    put(headers, Headers.DLQ_SOURCE_OFFSET, Long.toString(source.offset()));
    LOG.warn("Dead-lettered {}-{}@{}: {} ({})", source.topic(), source.partition(), source.offset(),
        unreadable.reason(), unreadable.message());
    final byte[] key = tooLarge && record.key() != null && record.key().length > maxKeyBytes
        ? java.util.Arrays.copyOf(record.key(), maxKeyBytes) : record.key();
    context.forward(record.withKey(key).withValue(unreadable.original()).withHeaders(headers));
    observer.deadLettered(unreadable.reason().name());
  }

  private static void put(final org.apache.kafka.common.header.Headers headers, final String key, final String value) {
    headers.remove(key);
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
