package io.rngstream.bench;

import io.rngstream.client.cli.Endpoints;
import io.rngstream.devstack.DevStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Where a bench run happens: its own broker and registry on this machine (started here, stopped at the end), or a
 * given cluster. Creates the targets' topics and holds the settings every target shares.
 */
final class BenchEnvironment implements AutoCloseable {
  private final Endpoints endpoints;
  private final DevStack ownStack;
  private final Admin admin;
  private final String runId;
  private int partitions;
  private final short replicationFactor;
  private final Map<String, String> streamsOverrides;
  private final Path workDir;

  private BenchEnvironment(final Endpoints endpoints, final DevStack ownStack, final int partitions,
      final short replicationFactor, final Map<String, String> streamsOverrides) {
    this.endpoints = endpoints;
    this.ownStack = ownStack;
    this.partitions = partitions;
    this.replicationFactor = replicationFactor;
    this.streamsOverrides = Map.copyOf(streamsOverrides);
    this.runId = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);
    try {
      this.workDir = Files.createTempDirectory("rng-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.admin = Admin.create(endpoints.kafkaConfig(Map.of("client.id", "rng-bench-admin")));
  }

  /** Starts a broker and a registry on loopback for this run. */
  static BenchEnvironment ownStack(final int partitions, final Map<String, String> streamsOverrides) {
    final DevStack stack = DevStack.start();
    try {
      return new BenchEnvironment(new Endpoints(stack.endpoints().bootstrapServers(), stack.endpoints().registryUrl(),
          "the bench's own stack"), stack, partitions, (short) 1, streamsOverrides);
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /**
   * A cluster someone else runs. Topics get as many partitions as the running processor's request topic has (so
   * the baseline is loaded alike), else {@code partitions}.
   */
  static BenchEnvironment external(final Endpoints endpoints, final String requestTopic, final int partitions,
      final short replicationFactor, final Map<String, String> streamsOverrides) {
    final BenchEnvironment env = new BenchEnvironment(endpoints, null, partitions, replicationFactor, streamsOverrides);
    try {
      final java.util.Set<String> names = env.admin.listTopics().names().get();
      if (names.contains(requestTopic)) {
        env.partitions = env.partitionsOf(requestTopic);
      }
      return env;
    } catch (ExecutionException e) {
      env.close();
      throw new IllegalStateException("cannot list the topics of " + endpoints.bootstrapServers() + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      env.close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  boolean ownsStack() {
    return ownStack != null;
  }

  Endpoints endpoints() {
    return endpoints;
  }

  String runId() {
    return runId;
  }

  int partitions() {
    return partitions;
  }

  short replicationFactor() {
    return replicationFactor;
  }

  /** Kafka Streams settings every Streams target gets (processor as {@code kafka.*}), e.g. commit.interval.ms. */
  Map<String, String> streamsOverrides() {
    return streamsOverrides;
  }

  Path stateDir(final String target) {
    return workDir.resolve(target);
  }

  /** Partitions of an existing topic. */
  int partitionsOf(final String topic) {
    try {
      return admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().size();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Creates the given topics with the run's partition count, leaving existing ones alone. */
  void createTopics(final BenchTopics topics) {
    createTopics(List.of(topics.requests(), topics.replies(), topics.audit(), topics.deadLetters()));
  }

  void createTopics(final List<String> names) {
    for (final String name : names) {
      try {
        admin.createTopics(List.of(new NewTopic(name, partitions, replicationFactor))).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
    if (ownStack != null) {
      ownStack.close();
    }
    try (Stream<Path> files = Files.walk(workDir)) {
      for (final Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // A leftover temporary directory is not worth failing the run for.
    }
  }
}
