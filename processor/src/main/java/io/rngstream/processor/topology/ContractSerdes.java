package io.rngstream.processor.topology;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.strategy.RecordIdStrategy;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.RandomReply;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The registry-backed Avro serdes of the contract. Schemas are registered under their record name
 * ({@link RecordIdStrategy}), so replies on any allowed reply topic share one artifact.
 */
public final class ContractSerdes {
  private final Map<String, Object> config;

  /** Serdes against the registry at {@code registryUrl}; {@code extra} holds further {@code apicurio.*} settings. */
  public ContractSerdes(final String registryUrl, final Map<String, String> extra) {
    final Map<String, Object> settings = new HashMap<>();
    settings.put("apicurio.registry.url", registryUrl);
    settings.put("apicurio.registry.auto-register", true);
    settings.put("apicurio.registry.artifact-resolver-strategy", RecordIdStrategy.class.getName());
    settings.put("apicurio.registry.use-specific-avro-reader", true);
    // Apicurio's default provider fingerprints the schema on every record; this one caches by schema instance.
    settings.put("apicurio.registry.avro-datum-provider", CachingAvroDatumProvider.class.getName());
    settings.putAll(extra);
    this.config = Map.copyOf(settings);
  }

  /** Reads any value written with the registry: a specific class when one is on the classpath. */
  public Deserializer<Object> valueDeserializer() {
    final AvroKafkaDeserializer<Object> deserializer = new AvroKafkaDeserializer<>();
    deserializer.configure(config, false);
    return deserializer;
  }

  /** Writes values, registering their schema on first use. */
  public <T> Serializer<T> valueSerializer() {
    final AvroKafkaSerializer<T> serializer = new AvroKafkaSerializer<>();
    serializer.configure(config, false);
    return serializer;
  }

  Serde<AuditRecord> auditRecords() {
    return Serdes.serdeFrom(valueSerializer(), typed(AuditRecord.class));
  }

  Serde<RoutedReply> routedReplies() {
    final Serializer<RandomReply> replies = valueSerializer();
    return Serdes.serdeFrom(new RoutedReplySerializer(replies), unsupported());
  }

  private <T> Deserializer<T> typed(final Class<T> type) {
    final Deserializer<Object> any = valueDeserializer();
    return (topic, data) -> type.cast(any.deserialize(topic, data));
  }

  private static <T> Deserializer<T> unsupported() {
    return (topic, data) -> {
      throw new UnsupportedOperationException("routed replies are only written");
    };
  }

  /** Writes the reply inside a {@link RoutedReply}, with the headers of the record being written. */
  private record RoutedReplySerializer(Serializer<RandomReply> replies) implements Serializer<RoutedReply> {
    @Override
    public byte[] serialize(final String topic, final RoutedReply data) {
      return replies.serialize(topic, data == null ? null : data.reply());
    }

    @Override
    public byte[] serialize(final String topic, final org.apache.kafka.common.header.Headers headers, final RoutedReply data) {
      return replies.serialize(topic, headers, data == null ? null : data.reply());
    }
  }
}
