package io.rngstream.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.StackEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scenario 1: the processor JVM is SIGKILLed under a steady load and started again. */
@ExtendWith(DevStackExtension.class)
class ProcessorKillIT {
  private static final String NAME = "kill";

  @Test
  void aKilledProcessorRestartsWithoutLosingOrDoublingARequest(final StackEndpoints stack) {
    final long begin = System.nanoTime();
    final Path dir = Scenario.dir(NAME);
    final TopicSet topics = TopicSet.named(NAME);
    final SigningKeyFile key = SigningKeyFile.generate(dir);
    try (ProcessorProcess processor = new ProcessorProcess("processor", dir, ProcessorProcess.baseSettings(
        stack.bootstrapServers(), stack.registryUrl(), topics, "rel-kill", key, dir.resolve("state")))) {
      processor.start().awaitReady(Scenario.START_TIMEOUT);
      try (LoadGenerator load = new LoadGenerator(stack.bootstrapServers(), stack.registryUrl(), topics.requests(), "kill");
           Trail trail = new Trail(stack.bootstrapServers(), stack.registryUrl(), topics, key.keys())) {
        load.start(Scenario.RATE);
        await("replies flowing").atMost(Scenario.ANSWER_TIMEOUT).until(() -> trail.replies().size() >= Scenario.RATE * 2);

        processor.kill();
        final long killedAt = System.nanoTime();
        final int repliesAtKill = trail.replies().size();
        // The load keeps coming while nothing answers: these requests wait in the topic.
        await("requests sent while down").atMost(Duration.ofSeconds(30)).until(() -> load.sent() > repliesAtKill + Scenario.RATE);

        processor.start().awaitReady(Scenario.START_TIMEOUT);
        Scenario.report(NAME, "kill_to_ready_ms", Scenario.millisSince(killedAt));
        // Answering again; the backlog need not be gone while the load goes on (a busy machine may answer slower).
        await("replies after the restart").atMost(Scenario.ANSWER_TIMEOUT)
            .until(() -> trail.replies().size() > repliesAtKill + Scenario.RATE);
        load.stop();

        final Set<String> sent = load.acknowledged();
        assertThat(load.failures()).as("sends that failed").isEmpty();
        assertThat(sent).hasSize((int) load.sent());
        await("every request answered").atMost(Scenario.ANSWER_TIMEOUT).until(() -> trail.covers(sent));
        Scenario.report(NAME, "kill_to_every_request_answered_ms", Scenario.millisSince(killedAt));
        await("a signed checkpoint over every record").atMost(Scenario.ANSWER_TIMEOUT).until(trail::fullyCheckpointed);
        trail.assertExactlyOnce(sent);
        trail.assertVerifierPasses();
        assertThat(trail.deadLetters()).as("dead letters").isEmpty();
        Scenario.report(NAME, "requests", sent.size());
      }
    }
    Scenario.report(NAME, "wall_clock_ms", Scenario.millisSince(begin));
  }
}
