package io.rngstream.client.cli;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.strategy.RecordIdStrategy;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.RandomReply;
import io.rngstream.client.audit.AuditDecoder;
import java.util.Map;

/** The registry serdes of the audit tools, set up like the processor's (RecordIdStrategy, specific records). */
final class AuditSerdes {
  private AuditSerdes() {
  }

  /** A decoder of audit topic values; each has its own deserializer (they are not shared across threads). */
  static AuditDecoder decoder(final Endpoints endpoints) {
    final AvroKafkaDeserializer<Object> deserializer = new AvroKafkaDeserializer<>();
    deserializer.configure(endpoints.serdeConfig(Map.of(
        "apicurio.registry.artifact-resolver-strategy", RecordIdStrategy.class.getName(),
        "apicurio.registry.use-specific-avro-reader", true)), false);
    return new AuditDecoder() {
      @Override
      public AuditRecord decode(final String topic, final byte[] value) {
        if (value == null) {
          throw new IllegalArgumentException("the record has no value");
        }
        final Object record = deserializer.deserialize(topic, value);
        if (record instanceof AuditRecord audit) {
          return audit;
        }
        throw new IllegalArgumentException("a " + (record == null ? "null" : record.getClass().getSimpleName())
            + " record");
      }

      @Override
      public void close() {
        deserializer.close();
      }
    };
  }

  /** A serializer of replies that registers the schema when missing, as the processor does. */
  static AvroKafkaSerializer<RandomReply> replySerializer(final Endpoints endpoints) {
    final AvroKafkaSerializer<RandomReply> serializer = new AvroKafkaSerializer<>();
    serializer.configure(endpoints.serdeConfig(Map.of(
        "apicurio.registry.artifact-resolver-strategy", RecordIdStrategy.class.getName(),
        "apicurio.registry.auto-register", true)), false);
    return serializer;
  }
}
