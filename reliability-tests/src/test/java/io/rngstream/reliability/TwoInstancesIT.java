package io.rngstream.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rngstream.avro.AuditKind;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.RandomReply;
import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.StackEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scenario 2: two instances share four partitions; one is SIGKILLed and the other takes its partitions over. */
@ExtendWith(DevStackExtension.class)
class TwoInstancesIT {
  private static final String NAME = "takeover";
  /** Generous against the 6 s session timeout the scenario sets, for a loaded two-core machine. */
  private static final Duration RECOVERY_BOUND = Duration.ofSeconds(60);

  @Test
  void theSurvivorTakesOverThePartitionsOfAKilledInstance(final StackEndpoints stack) {
    final long begin = System.nanoTime();
    final Path dir = Scenario.dir(NAME);
    final TopicSet topics = TopicSet.named(NAME);
    final SigningKeyFile key = SigningKeyFile.generate(dir);
    try (ProcessorProcess first = new ProcessorProcess("instance-a", dir, settings(stack, topics, key, dir, "instance-a"));
         ProcessorProcess second = new ProcessorProcess("instance-b", dir, settings(stack, topics, key, dir, "instance-b"))) {
      first.start();
      second.start();
      first.awaitReady(Scenario.START_TIMEOUT);
      second.awaitReady(Scenario.START_TIMEOUT);
      try (LoadGenerator load = new LoadGenerator(stack.bootstrapServers(), stack.registryUrl(), topics.requests(), NAME);
           Trail trail = new Trail(stack.bootstrapServers(), stack.registryUrl(), topics, key.keys())) {
        load.start(Scenario.RATE);
        // Both share the load before one dies: each has answered some requests.
        await("both instances answering").atMost(Scenario.ANSWER_TIMEOUT)
            .until(() -> Trail.countBy(trail.draws(), AuditRecord::getProcessorInstanceId).keySet()
                .containsAll(Set.of("instance-a", "instance-b")));
        await("traffic on every partition").atMost(Scenario.ANSWER_TIMEOUT)
            .until(() -> owners(trail).keySet().equals(Set.of(0, 1, 2, 3)));
        final Map<Integer, String> ownersBefore = owners(trail);
        Scenario.report(NAME, "partition_owners_before", ownersBefore);

        second.kill();
        final long killedAtMillis = System.currentTimeMillis();
        final long killedAt = System.nanoTime();
        // Recovered: the survivor answers on every partition, for requests sent after the kill.
        await("the survivor answers on every partition").atMost(RECOVERY_BOUND)
            .until(() -> trail.auditRecords().stream()
                .filter(record -> record.timestamp() > killedAtMillis)
                .map(record -> (AuditRecord) record.value())
                .filter(record -> record.getKind() != AuditKind.CHECKPOINT)
                .map(AuditRecord::getSourcePartition).collect(Collectors.toSet()).equals(Set.of(0, 1, 2, 3)));
        final long takeoverMillis = Scenario.millisSince(killedAt);
        Scenario.report(NAME, "kill_to_all_partitions_answered_ms", takeoverMillis);
        // Three more seconds of load after the takeover: the survivor alone must answer at about the sending rate.
        final int before = trail.replies().size();
        final long windowStart = System.nanoTime();
        await("three seconds after the takeover").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
            .until(() -> Scenario.millisSince(windowStart) >= 3000);
        final double rate = (trail.replies().size() - before) * 1000.0 / Scenario.millisSince(windowStart);
        Scenario.report(NAME, "reply_rate_after_takeover_per_s", Math.round(rate));
        load.stop();

        final Set<String> sent = load.acknowledged();
        assertThat(load.failures()).as("sends that failed").isEmpty();
        await("every request answered").atMost(Scenario.ANSWER_TIMEOUT).until(() -> trail.covers(sent));
        await("a signed checkpoint over every record").atMost(Scenario.ANSWER_TIMEOUT).until(trail::fullyCheckpointed);
        trail.assertExactlyOnce(sent);
        trail.assertVerifierPasses();
        assertThat(trail.deadLetters()).as("dead letters").isEmpty();

        final long longestWait = longestWaitAfter(trail, killedAtMillis);
        Scenario.report(NAME, "longest_wait_of_a_request_sent_after_the_kill_ms", longestWait);
        assertThat(Duration.ofMillis(takeoverMillis)).as("kill to all partitions answered").isLessThan(RECOVERY_BOUND);
        // Half the sending rate at least: four JVMs share two cores here, and other builds may run beside.
        assertThat(rate).as("replies a second once taken over (sending %d)", Scenario.RATE).isGreaterThan(Scenario.RATE * 0.5);
        assertThat(owners(trail).values()).as("who answers each partition at the end").containsOnly("instance-a");
        Scenario.report(NAME, "requests", sent.size());
      }
    }
    Scenario.report(NAME, "wall_clock_ms", Scenario.millisSince(begin));
  }

  private static Map<String, String> settings(final StackEndpoints stack, final TopicSet topics, final SigningKeyFile key,
      final Path dir, final String instance) {
    final Map<String, String> settings = ProcessorProcess.baseSettings(stack.bootstrapServers(), stack.registryUrl(), topics,
        "rel-takeover", key, dir.resolve("state-" + instance));
    settings.put("instance.id", instance);
    settings.put("topics.partitions", "4");
    return settings;
  }

  /** The instance that wrote the latest audit record of each request partition. */
  private static Map<Integer, String> owners(final Trail trail) {
    return trail.draws().stream().collect(Collectors.toMap(AuditRecord::getSourcePartition,
        AuditRecord::getProcessorInstanceId, (earlier, later) -> later, java.util.TreeMap::new));
  }

  /** The longest time from sending a request (its record timestamp) to generating its draw, among those sent after. */
  private static long longestWaitAfter(final Trail trail, final long sinceMillis) {
    long longest = 0;
    for (final ConsumerRecord<String, Object> record : trail.replyRecords()) {
      final RandomReply reply = (RandomReply) record.value();
      if (record.timestamp() > sinceMillis) {
        longest = Math.max(longest, reply.getGeneratedAt().toEpochMilli() - record.timestamp());
      }
    }
    return longest;
  }
}
