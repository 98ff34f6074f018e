package io.rngstream.processor.topology;

import io.rngstream.core.protocol.Headers;
import io.rngstream.processor.observe.RequestObserver;
import io.rngstream.processor.topology.DecodedRequest.Unreadable;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Step 2b: an unreadable record keeps its original key, value and headers, plus headers that say why and whence. */
final class DeadLetter implements FixedKeyProcessor<byte[], DecodedRequest, byte[]> {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetter.class);
  private final RequestObserver observer;
  private FixedKeyProcessorContext<byte[], byte[]> context;

  DeadLetter(final RequestObserver observer) {
    this.observer = observer;
  }

  @Override
  public void init(final FixedKeyProcessorContext<byte[], byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(final FixedKeyRecord<byte[], DecodedRequest> record) {
    final Unreadable unreadable = (Unreadable) record.value();
    final RecordMetadata source = context.recordMetadata().orElseThrow();
    // A copy: the source record's headers are not this step's to change.
    final org.apache.kafka.common.header.Headers headers = new RecordHeaders(record.headers().toArray());
    put(headers, Headers.DLQ_REASON, unreadable.reason().name());
    put(headers, Headers.DLQ_MESSAGE, unreadable.message());
    put(headers, Headers.DLQ_SOURCE_TOPIC, source.topic());
    put(headers, Headers.DLQ_SOURCE_PARTITION, Integer.toString(source.partition()));
    put(headers, Headers.DLQ_SOURCE_OFFSET, Long.toString(source.offset()));
    LOG.warn("Dead-lettered {}-{}@{}: {} ({})", source.topic(), source.partition(), source.offset(),
        unreadable.reason(), unreadable.message());
    context.forward(record.withValue(unreadable.original()).withHeaders(headers));
    observer.deadLettered(unreadable.reason().name());
  }

  private static void put(final org.apache.kafka.common.header.Headers headers, final String key, final String value) {
    headers.remove(key);
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
