package io.rngstream.processor.topology;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Step 1: bytes to a request, or to the reason it cannot be read. Never throws for bad input. */
final class DecodeRequest implements FixedKeyProcessor<byte[], byte[], DecodedRequest> {
  private final RequestDecoder decoder;
  private FixedKeyProcessorContext<byte[], DecodedRequest> context;

  DecodeRequest(final RequestDecoder decoder) {
    this.decoder = decoder;
  }

  @Override
  public void init(final FixedKeyProcessorContext<byte[], DecodedRequest> context) {
    this.context = context;
  }

  @Override
  public void process(final FixedKeyRecord<byte[], byte[]> record) {
    final String topic = context.recordMetadata().map(metadata -> metadata.topic()).orElse("");
    context.forward(record.withValue(decoder.decode(topic, record.headers(), record.value())));
  }
}
