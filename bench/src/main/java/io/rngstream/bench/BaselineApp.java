package io.rngstream.bench;

import io.rngstream.avro.RandomReply;
import io.rngstream.avro.RandomRequest;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.core.protocol.Headers;
import io.rngstream.processor.topology.ContractSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The best any Kafka Streams request-reply app could do on the same broker: reads each request through the same
 * Apicurio Avro serdes, writes a reply (to the topic in {@code kafka_replyTopic}, correlation id copied) and a copy to
 * an audit topic, under the same processing guarantee. No validation, draw, signature, hash chain or state store.
 */
final class BaselineApp {
  private static final String SOURCE = "requests";
  private static final String PASS = "pass-through";
  private static final String REPLIES = "replies";
  private static final String AUDIT = "audit";

  private BaselineApp() {
  }

  static Topology topology(final ContractSerdes serdes, final String requests, final String defaultReplies,
      final String audit) {
    final Deserializer<Object> values = serdes.valueDeserializer();
    final Serializer<Object> replySerializer = serdes.valueSerializer();
    final Serializer<Object> auditSerializer = serdes.valueSerializer();
    final Topology topology = new Topology();
    topology.addSource(SOURCE, Serdes.String().deserializer(), values, requests);
    topology.addProcessor(PASS, PassThrough::new, SOURCE);
    topology.addSink(REPLIES, (key, value, context) -> {
      final Header topic = context.headers().lastHeader(Headers.REPLY_TOPIC);
      return topic == null ? defaultReplies : new String(topic.value(), StandardCharsets.UTF_8);
    }, Serdes.String().serializer(), replySerializer, PASS);
    topology.addSink(AUDIT, audit, Serdes.String().serializer(), auditSerializer, PASS);
    return topology;
  }

  /** Kafka Streams settings: the guarantee asked for, then the bench's shared overrides. */
  static Properties properties(final String applicationId, final String bootstrapServers, final String stateDir,
      final String guarantee, final Map<String, String> overrides) {
    final Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    properties.putAll(overrides);
    return properties;
  }

  /** Request in, reply and audit copy out. */
  private static final class PassThrough implements Processor<String, Object, String, Object> {
    private ProcessorContext<String, Object> context;

    @Override
    public void init(final ProcessorContext<String, Object> context) {
      this.context = context;
    }

    @Override
    public void process(final Record<String, Object> record) {
      final RandomRequest request = (RandomRequest) record.value();
      final RecordHeaders replyHeaders = new RecordHeaders();
      for (final Header header : record.headers()) {
        // The processor's reply carries the correlation id; the reply topic header routes it (read by the sink).
        if (Headers.CORRELATION_ID.equals(header.key()) || Headers.REPLY_TOPIC.equals(header.key())) {
          replyHeaders.add(header);
        }
      }
      final RandomReply reply = RandomReply.newBuilder()
          .setRequestId(request.getRequestId())
          .setClientId(request.getClientId())
          .setStatus(ReplyStatus.OK)
          .setNumbers(List.of())
          .setMin(request.getMin())
          .setMax(request.getMax())
          .setCount(request.getCount())
          .setUnique(request.getUnique())
          .setAlgorithm("none")
          .setSerial("baseline")
          .setGeneratedAt(Instant.ofEpochMilli(record.timestamp()))
          .build();
      context.forward(new Record<String, Object>(request.getRequestId(), reply, record.timestamp(), replyHeaders), REPLIES);
      context.forward(new Record<String, Object>(record.key(), request, record.timestamp(), new RecordHeaders()), AUDIT);
    }
  }
}
