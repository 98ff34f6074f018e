package io.rngstream.processor.topology;

import io.rngstream.core.protocol.DeadLetterReason;
import java.util.Arrays;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Step 1: bytes to a request, or to the reason it cannot be read (too large, not Avro, ...). Never throws for bad input. */
final class DecodeRequest implements FixedKeyProcessor<byte[], byte[], DecodedRequest> {
  private final RequestDecoder decoder;
  private final RecordSize size;
  private FixedKeyProcessorContext<byte[], DecodedRequest> context;

  DecodeRequest(final RequestDecoder decoder, final RecordSize size) {
    this.decoder = decoder;
    this.size = size;
  }

  @Override
  public void init(final FixedKeyProcessorContext<byte[], DecodedRequest> context) {
    this.context = context;
  }

  @Override
  public void process(final FixedKeyRecord<byte[], byte[]> record) {
    final String topic = context.recordMetadata().map(metadata -> metadata.topic()).orElse("");
    final java.util.Optional<String> tooLarge = size.excess(record.key(), record.headers(), record.value());
    if (tooLarge.isPresent()) {
      // Not decoded at all: a huge datum (or header) must not be parsed, and it cannot be answered safely.
      context.forward(record.withValue(new DecodedRequest.Unreadable(DeadLetterReason.REQUEST_TOO_LARGE, tooLarge.get(),
          truncated(record.value()))));
      return;
    }
    context.forward(record.withValue(decoder.decode(topic, record.headers(), record.value())));
  }

  private byte[] truncated(final byte[] value) {
    return value == null || value.length <= size.maxBytes() ? value : Arrays.copyOf(value, size.maxBytes());
  }
}
