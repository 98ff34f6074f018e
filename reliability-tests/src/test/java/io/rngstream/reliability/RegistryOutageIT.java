package io.rngstream.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rngstream.avro.RandomRequest;
import io.rngstream.core.protocol.DeadLetterReason;
import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.SchemaRegistryServer;
import io.rngstream.devstack.StackEndpoints;
import io.rngstream.processor.topology.ContractSerdes;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 4: the registry is stopped. Known schemas keep being answered, {@code /ready} says why it is degraded,
 * a request with a schema the processor never read waits (it is neither dead-lettered nor skipped) and is answered
 * once the registry is back; a schema id the registry positively does not know is dead-lettered.
 *
 * <p>Its own registry (the shared one must keep running for other tests), with its data in an H2 file so that it
 * comes back with its schemas, as a production registry (SQL or KafkaSQL storage) does.
 */
@ExtendWith(DevStackExtension.class)
class RegistryOutageIT {
  private static final String NAME = "registry";
  private static final int NEW_SCHEMA_REQUESTS = 5;

  @Test
  void aRegistryOutageDelaysUnknownSchemasAndLosesNothing(final StackEndpoints stack) throws Exception {
    final long begin = System.nanoTime();
    final Path dir = Scenario.dir(NAME);
    final TopicSet topics = TopicSet.named(NAME);
    final SigningKeyFile key = SigningKeyFile.generate(dir);
    try (SchemaRegistryServer registry = SchemaRegistryServer.start(SchemaRegistryServer.Config.defaults()
        .withWorkDir(dir.resolve("registry"))
        .withSystemProperty("apicurio.datasource.url", "jdbc:h2:file:" + dir.resolve("registry").resolve("h2").resolve("registry")));
         ProcessorProcess processor = new ProcessorProcess("processor", dir, ProcessorProcess.baseSettings(
             stack.bootstrapServers(), registry.url(), topics, "rel-registry", key, dir.resolve("state")))) {
      processor.start().awaitReady(Scenario.START_TIMEOUT);
      try (LoadGenerator load = new LoadGenerator(stack.bootstrapServers(), registry.url(), topics.requests(), NAME);
           Trail trail = new Trail(stack.bootstrapServers(), registry.url(), topics, key.keys());
           KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
               stack.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
        load.start(Scenario.RATE);
        await("replies flowing").atMost(Scenario.ANSWER_TIMEOUT).until(() -> trail.replies().size() >= Scenario.RATE * 2
            && trail.draws().size() >= Scenario.RATE);

        // A content id the registry positively does not know: a dead letter with its own reason, at once.
        raw.send(new ProducerRecord<>(topics.requests(), "client-unknown", unknownSchemaId())).get();
        await("the unknown schema id dead-lettered").atMost(Scenario.ANSWER_TIMEOUT)
            .until(() -> trail.deadLetterReasons().equals(List.of(DeadLetterReason.UNKNOWN_SCHEMA.name())));

        // A newer version of the request schema, registered while the registry is up; the processor never read it.
        final List<byte[]> newSchemaRequests = newSchemaVersionRequests(registry.url(), topics.requests());

        registry.stop();
        final long stoppedAt = System.nanoTime();
        final ManagementProbe management = processor.management();
        await("/ready says the registry is why it is degraded").atMost(Duration.ofSeconds(30)).until(() -> {
          final ManagementProbe.Response ready = management.ready();
          return ready.status() == 503 && ready.body().contains("schema-registry") && ready.body().contains("degraded");
        });
        Scenario.report(NAME, "registry_stop_to_not_ready_ms", Scenario.millisSince(stoppedAt));
        Scenario.report(NAME, "ready_while_registry_down", management.ready().body());
        assertThat(management.get("/health").status()).as("liveness does not depend on the registry").isEqualTo(200);
        final int repliesAtOutage = trail.replies().size();
        await("known schemas still answered while the registry is down").atMost(Scenario.ANSWER_TIMEOUT)
            .until(() -> trail.replies().size() >= repliesAtOutage + Scenario.RATE * 2);

        final Set<String> newIds = new HashSet<>();
        for (int i = 0; i < newSchemaRequests.size(); i++) {
          raw.send(new ProducerRecord<>(topics.requests(), "client-new-" + i, newSchemaRequests.get(i))).get();
          newIds.add("new-schema-" + i);
        }
        await("/ready names the request that waits for the registry").atMost(Duration.ofSeconds(30))
            .until(() -> management.ready().body().contains("a request waits for the schema registry"));
        Scenario.report(NAME, "ready_while_a_request_waits", management.ready().body());
        assertThat(trail.deadLetterReasons()).as("dead letters while the registry is down")
            .containsExactly(DeadLetterReason.UNKNOWN_SCHEMA.name());
        assertThat(processor.isAlive()).as("the processor keeps running while it waits").isTrue();

        registry.start();
        final long startedAt = System.nanoTime();
        Scenario.report(NAME, "registry_down_ms", Duration.ofNanos(startedAt - stoppedAt).toMillis());
        await("the waiting requests answered").atMost(Scenario.ANSWER_TIMEOUT).until(() -> trail.covers(newIds));
        Scenario.report(NAME, "registry_back_to_new_schema_answered_ms", Scenario.millisSince(startedAt));
        await("ready again").atMost(Duration.ofSeconds(30)).until(() -> management.ready().status() == 200);
        Scenario.report(NAME, "registry_back_to_ready_ms", Scenario.millisSince(startedAt));
        load.stop();

        assertThat(load.failures()).as("sends that failed").isEmpty();
        final Set<String> all = new HashSet<>(load.acknowledged());
        all.addAll(newIds);
        await("every request answered").atMost(Scenario.ANSWER_TIMEOUT).until(() -> trail.covers(all));
        await("a signed checkpoint over every record").atMost(Scenario.ANSWER_TIMEOUT).until(trail::fullyCheckpointed);
        trail.assertExactlyOnce(all);
        trail.assertVerifierPasses();
        assertThat(trail.deadLetterReasons()).as("dead letters at the end").containsExactly(DeadLetterReason.UNKNOWN_SCHEMA.name());
        Scenario.report(NAME, "requests", all.size());
      }
    }
    Scenario.report(NAME, "wall_clock_ms", Scenario.millisSince(begin));
  }

  /** Magic byte 0, a content id far beyond any this registry gave out, then some bytes. */
  private static byte[] unknownSchemaId() {
    return ByteBuffer.allocate(9).put((byte) 0).putInt(2_000_000_000).putInt(42).array();
  }

  /**
   * Requests written with a compatible newer version of the request schema (one optional field more), which a
   * fresh serializer registers as a new version now; the processor reads them into its RandomRequest class.
   */
  private static List<byte[]> newSchemaVersionRequests(final String registryUrl, final String topic) {
    final Schema current = RandomRequest.getClassSchema();
    final List<Schema.Field> fields = new ArrayList<>();
    for (final Schema.Field field : current.getFields()) {
      fields.add(new Schema.Field(field, field.schema()));
    }
    fields.add(new Schema.Field("note", SchemaBuilder.unionOf().nullType().and().stringType().endUnion(), "added later",
        Schema.Field.NULL_DEFAULT_VALUE));
    final Schema newer = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    final Serializer<Object> serializer = new ContractSerdes(registryUrl, Map.of()).valueSerializer();
    final List<byte[]> values = new ArrayList<>();
    for (int i = 0; i < NEW_SCHEMA_REQUESTS; i++) {
      final GenericRecord request = new GenericData.Record(newer);
      request.put("requestId", "new-schema-" + i);
      request.put("clientId", "client-new-" + i);
      request.put("min", 1L);
      request.put("max", 100L);
      request.put("count", 1);
      request.put("unique", false);
      request.put("seed", null);
      request.put("userData", null);
      request.put("requestedAt", Instant.now().toEpochMilli());
      request.put("note", "written with version 2");
      values.add(serializer.serialize(topic, request));
    }
    return values;
  }
}
