package io.rngstream.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rngstream.avro.AuditKind;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.RandomReply;
import io.rngstream.core.audit.AuditVerifier;
import io.rngstream.core.audit.PartitionVerifier;
import io.rngstream.core.audit.Finding;
import io.rngstream.core.signing.KeyRing;
import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.StackEndpoints;
import io.rngstream.processor.config.ConfigSource;
import io.rngstream.processor.config.ProcessorConfig;
import io.rngstream.processor.topology.ContractSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The audit trail across a restart of the processor, on the real broker: no gap, no fork, duplicates recalled. */
@ExtendWith(DevStackExtension.class)
class AuditTrailIT {
  private static final String REQUESTS = "rng.requests.trail";
  private static final String REPLIES = "rng.replies.trail";
  private static final String AUDIT = "rng.audit.trail";

  /** Fresh per test JVM: a state directory left by an earlier run against another broker would not match. */
  private static final Path STATE = TestKeys.freshStateDir("audit-trail-it");

  private static ProcessorConfig config(final StackEndpoints stack) {
    final Map<String, String> settings = new HashMap<>();
    settings.put("kafka.bootstrap.servers", stack.bootstrapServers());
    settings.put("registry.url", stack.registryUrl());
    settings.put("application.id", "audit-trail-it");
    settings.put("state.dir", STATE.toString());
    settings.put("topics.requests", REQUESTS);
    settings.put("topics.replies", REPLIES);
    settings.put("topics.audit", AUDIT);
    settings.put("topics.dead-letters", "rng.requests.dlq.trail");
    settings.put("management.host", "127.0.0.1");
    settings.put("management.port", "0");
    settings.put("audit.checkpoint-every-records", "5");
    // The signing key must survive the restart for the old signatures to verify: a key file.
    settings.put("signing.key-file", TestKeys.keyFile().toString());
    return ProcessorConfig.from(ConfigSource.load(Map.of(), settings));
  }

  private static ProcessorApp startProcessor(final StackEndpoints stack) {
    final ProcessorApp app = ProcessorApp.start(config(stack));
    await("processor running").atMost(Duration.ofSeconds(60)).until(() -> app.state() == KafkaStreams.State.RUNNING);
    return app;
  }

  @Test
  void theChainContinuesAcrossARestartAndARepeatAfterItGetsTheOriginalReply(final StackEndpoints stack) throws Exception {
    final ContractSerdes serdes = new ContractSerdes(stack.registryUrl(), Map.of());
    KeyRing keys;
    ProcessorApp processor = startProcessor(stack);
    keys = KeyRing.fromJson(processor.keysJson());
    try (TopicReader<String, Object> replies = new TopicReader<>(stack.bootstrapServers(), REPLIES, Serdes.String().deserializer(), serdes.valueDeserializer());
        TopicReader<String, Object> audit = new TopicReader<>(stack.bootstrapServers(), AUDIT, Serdes.String().deserializer(), serdes.valueDeserializer());
        KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers()), new StringSerializer(), serdes.valueSerializer())) {
      for (int i = 0; i < 20; i++) {
        producer.send(new ProducerRecord<>(REQUESTS, "client-" + (i % 4), TestRequests.dice("before-" + i).setClientId("client-" + (i % 4)).build()));
      }
      producer.flush();
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(replies.poll()).hasSize(20));

      processor.close();
      processor = startProcessor(stack);

      for (int i = 0; i < 20; i++) {
        producer.send(new ProducerRecord<>(REQUESTS, "client-" + (i % 4), TestRequests.dice("after-" + i).setClientId("client-" + (i % 4)).build()));
      }
      producer.send(new ProducerRecord<>(REQUESTS, "client-1", TestRequests.dice("before-1").setClientId("client-1").build()));
      producer.flush();
      await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(replies.poll()).hasSize(41));

      final List<RandomReply> answers = replies.poll().stream().map(record -> (RandomReply) record.value()).toList();
      final RandomReply original = answers.stream().filter(reply -> reply.getRequestId().equals("before-1") && !reply.getDuplicate()).findFirst().orElseThrow();
      final RandomReply repeat = answers.stream().filter(reply -> reply.getRequestId().equals("before-1") && reply.getDuplicate()).findFirst().orElseThrow();
      assertThat(repeat.getNumbers()).isEqualTo(original.getNumbers());
      assertThat(repeat.getSignature()).isEqualTo(original.getSignature());

      await().atMost(Duration.ofSeconds(60)).until(() -> audit.poll().stream()
          .filter(record -> ((AuditRecord) record.value()).getKind() != AuditKind.CHECKPOINT).count() == 41);
      final AuditVerifier verifier = new AuditVerifier(keys);
      final Map<Integer, PartitionVerifier> byPartition = new HashMap<>();
      final List<Finding> findings = new ArrayList<>();
      for (final ConsumerRecord<String, Object> record : audit.poll()) {
        findings.addAll(byPartition.computeIfAbsent(record.partition(), verifier::forPartition)
            .accept(record.offset(), (AuditRecord) record.value()));
      }
      assertThat(findings).as("the verifier's findings over the whole trail").isEmpty();
      assertThat(audit.poll()).anyMatch(record -> ((AuditRecord) record.value()).getKind() == AuditKind.DUPLICATE);
    } finally {
      processor.close();
    }
  }
}
