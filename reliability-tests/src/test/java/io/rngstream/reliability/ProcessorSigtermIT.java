package io.rngstream.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.StackEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scenario 5: SIGTERM under load: a clean stop within the shutdown timeout, everything processed committed, no gap. */
@ExtendWith(DevStackExtension.class)
class ProcessorSigtermIT {
  private static final String NAME = "sigterm";
  private static final String APPLICATION_ID = "rel-sigterm";
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

  @Test
  void sigtermCommitsWhatWasProcessedAndTheNextStartResumesWithoutAGap(final StackEndpoints stack) {
    final long begin = System.nanoTime();
    final Path dir = Scenario.dir(NAME);
    final TopicSet topics = TopicSet.named(NAME);
    final SigningKeyFile key = SigningKeyFile.generate(dir);
    final Map<String, String> settings = ProcessorProcess.baseSettings(stack.bootstrapServers(), stack.registryUrl(), topics,
        APPLICATION_ID, key, dir.resolve("state"));
    settings.put("shutdown.timeout-ms", Long.toString(SHUTDOWN_TIMEOUT.toMillis()));
    try (ProcessorProcess processor = new ProcessorProcess("processor", dir, settings)) {
      processor.start().awaitReady(Scenario.START_TIMEOUT);
      try (LoadGenerator load = new LoadGenerator(stack.bootstrapServers(), stack.registryUrl(), topics.requests(), NAME);
           Trail trail = new Trail(stack.bootstrapServers(), stack.registryUrl(), topics, key.keys())) {
        load.start(Scenario.RATE);
        await("replies flowing").atMost(Scenario.ANSWER_TIMEOUT).until(() -> trail.replies().size() >= Scenario.RATE * 2);

        // The JVM exits after its shutdown hook closed Kafka Streams; only past the grace would it be killed.
        final ProcessorProcess.Stop stop = processor.terminate(SHUTDOWN_TIMEOUT.plusSeconds(30));
        Scenario.report(NAME, "sigterm_to_exit_ms", stop.took().toMillis());
        assertThat(stop.exitCode()).as("exit status after SIGTERM (143: by the signal, after the hooks ran; 137: killed)")
            .isIn(0, 143);
        assertThat(stop.took()).as("time from SIGTERM to exit").isLessThan(SHUTDOWN_TIMEOUT.plusSeconds(5));
        assertThat(processor.logText()).as("the processor's log").contains("Kafka Streams closed cleanly");

        // Committed offsets and committed replies must match: each consumed request was answered, each answer's
        // request is committed (the requests topic has no transaction markers, so offsets count records).
        final long committed = CommittedOffsets.sum(stack.bootstrapServers(), APPLICATION_ID, topics.requests());
        await("replies and audit records up to the committed offsets, and no more").atMost(Duration.ofSeconds(30))
            .during(Duration.ofSeconds(1))
            .until(() -> trail.replies().size() == committed && trail.draws().size() == committed);
        assertThat(trail.replies()).as("replies committed by the stopped processor").hasSize((int) committed);
        assertThat(trail.draws()).as("audit records committed by the stopped processor").hasSize((int) committed);
        Scenario.report(NAME, "committed_at_stop", committed);

        processor.start().awaitReady(Scenario.START_TIMEOUT);
        await("replies after the restart").atMost(Scenario.ANSWER_TIMEOUT)
            .until(() -> trail.replies().size() > committed + Scenario.RATE);
        load.stop();

        final Set<String> sent = load.acknowledged();
        assertThat(load.failures()).as("sends that failed").isEmpty();
        await("every request answered").atMost(Scenario.ANSWER_TIMEOUT).until(() -> trail.covers(sent));
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
