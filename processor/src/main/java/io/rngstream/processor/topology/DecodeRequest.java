package io.rngstream.processor.topology;

import io.rngstream.core.protocol.DeadLetterReason;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Step 1: bytes to a request, or to the reason it cannot be read (too large, not Avro, ...). Never throws for bad
 * input; waits out a registry outage.
 */
final class DecodeRequest implements FixedKeyProcessor<byte[], byte[], DecodedRequest> {
  private final RequestDecoder decoder;
  private final RecordSize size;
  private final RegistryRetry registryRetry;
  private FixedKeyProcessorContext<byte[], DecodedRequest> context;

  DecodeRequest(final RequestDecoder decoder, final RecordSize size, final RegistryRetry registryRetry) {
    this.decoder = decoder;
    this.size = size;
    this.registryRetry = registryRetry;
  }

  @Override
  public void init(final FixedKeyProcessorContext<byte[], DecodedRequest> context) {
    this.context = context;
  }

  @Override
  public void process(final FixedKeyRecord<byte[], byte[]> record) {
    final String topic = context.recordMetadata().map(metadata -> metadata.topic()).orElse("");
    final Optional<String> tooLarge = size.excess(record.key(), record.headers(), record.value());
    if (tooLarge.isPresent()) {
      // Not decoded at all: a huge datum (or header) must not be parsed, and it cannot be answered safely.
      context.forward(record.withValue(new DecodedRequest.Unreadable(DeadLetterReason.REQUEST_TOO_LARGE, tooLarge.get(),
          truncated(record.value()))));
      return;
    }
    // A registry that cannot be asked is not the record's fault: wait for it rather than dead-letter the record.
    context.forward(record.withValue(registryRetry.decode(() -> decoder.decode(topic, record.headers(), record.value()),
        () -> context.recordMetadata()
            .map(metadata -> metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset()).orElse("a request"))));
  }

  private byte[] truncated(final byte[] value) {
    return value == null || value.length <= size.maxBytes() ? value : Arrays.copyOf(value, size.maxBytes());
  }
}
