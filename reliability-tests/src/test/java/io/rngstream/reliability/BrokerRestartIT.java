package io.rngstream.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.KafkaBroker;
import io.rngstream.devstack.StackEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 3: the broker stops and starts again (same ports, same data) under load. Its own broker (node id 2,
 * beside the shared stack's node 1), so that the restart disturbs no other test; the shared registry.
 */
@ExtendWith(DevStackExtension.class)
class BrokerRestartIT {
  private static final String NAME = "broker";
  private static final Duration BROKER_DOWN = Duration.ofSeconds(5);

  @Test
  void theProcessorRecoversByItselfFromABrokerRestart(final StackEndpoints stack) {
    final long begin = System.nanoTime();
    final Path dir = Scenario.dir(NAME);
    final TopicSet topics = TopicSet.named(NAME);
    final SigningKeyFile key = SigningKeyFile.generate(dir);
    try (KafkaBroker broker = KafkaBroker.start(KafkaBroker.Config.defaults().withDataDir(dir.resolve("kafka")).withNodeId(2));
         ProcessorProcess processor = new ProcessorProcess("processor", dir, ProcessorProcess.baseSettings(
             broker.bootstrapServers(), stack.registryUrl(), topics, "rel-broker", key, dir.resolve("state")))) {
      processor.start().awaitReady(Scenario.START_TIMEOUT);
      final ManagementProbe management = processor.management();
      try (LoadGenerator load = new LoadGenerator(broker.bootstrapServers(), stack.registryUrl(), topics.requests(), NAME);
           Trail trail = new Trail(broker.bootstrapServers(), stack.registryUrl(), topics, key.keys())) {
        load.start(Scenario.RATE);
        await("replies flowing").atMost(Scenario.ANSWER_TIMEOUT).until(() -> trail.replies().size() >= Scenario.RATE * 2);

        broker.stop();
        final long stoppedAt = System.nanoTime();
        await("/ready goes down").atMost(Duration.ofSeconds(30)).until(() -> management.ready().status() == 503);
        Scenario.report(NAME, "broker_stop_to_not_ready_ms", Scenario.millisSince(stoppedAt));
        Scenario.report(NAME, "ready_while_broker_down", management.ready().body());
        await("not ready while the broker is down").atMost(BROKER_DOWN.plusSeconds(10)).during(BROKER_DOWN)
            .until(() -> management.ready().status() == 503);
        assertThat(processor.isAlive()).as("the processor survives the outage").isTrue();

        broker.start();
        final long startedAt = System.nanoTime();
        Scenario.report(NAME, "broker_down_ms", Duration.ofNanos(startedAt - stoppedAt).toMillis());
        await("ready again").atMost(Scenario.ANSWER_TIMEOUT).until(() -> management.ready().status() == 200);
        Scenario.report(NAME, "broker_back_to_ready_ms", Scenario.millisSince(startedAt));
        load.stop();

        final Set<String> sent = load.acknowledged();
        assertThat(load.failures()).as("sends that failed").isEmpty();
        assertThat(sent).hasSize((int) load.sent());
        await("every request answered").atMost(Scenario.ANSWER_TIMEOUT).until(() -> trail.covers(sent));
        Scenario.report(NAME, "broker_back_to_every_request_answered_ms", Scenario.millisSince(startedAt));
        await("a signed checkpoint over every record").atMost(Scenario.ANSWER_TIMEOUT).until(trail::fullyCheckpointed);
        trail.assertExactlyOnce(sent);
        trail.assertVerifierPasses();
        assertThat(trail.deadLetters()).as("dead letters").isEmpty();
        assertThat(processor.isAlive()).as("the same processor JVM, never restarted").isTrue();
        Scenario.report(NAME, "requests", sent.size());
      }
    }
    Scenario.report(NAME, "wall_clock_ms", Scenario.millisSince(begin));
  }
}
