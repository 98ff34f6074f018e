package io.rngstream.processor.topology;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Step 1: bytes to a request, or to the reason it cannot be read. Never throws for bad input; waits out a registry outage. */
final class DecodeRequest implements FixedKeyProcessor<byte[], byte[], DecodedRequest> {
  private final RequestDecoder decoder;
  private final RegistryRetry registryRetry;
  private FixedKeyProcessorContext<byte[], DecodedRequest> context;

  DecodeRequest(final RequestDecoder decoder, final RegistryRetry registryRetry) {
    this.decoder = decoder;
    this.registryRetry = registryRetry;
  }

  @Override
  public void init(final FixedKeyProcessorContext<byte[], DecodedRequest> context) {
    this.context = context;
  }

  @Override
  public void process(final FixedKeyRecord<byte[], byte[]> record) {
    final String topic = context.recordMetadata().map(metadata -> metadata.topic()).orElse("");
    final String where = context.recordMetadata()
        .map(metadata -> metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset()).orElse("a request");
    // A registry that cannot be asked is not the record's fault: wait for it rather than dead-letter the record.
    context.forward(record.withValue(registryRetry.decode(() -> decoder.decode(topic, record.headers(), record.value()), where)));
  }
}
