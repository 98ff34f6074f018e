package io.rngstream.processor.topics;

import io.rngstream.processor.config.ProcessorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the four topics when missing and refuses a layout that would break the audit trail's partitioning. */
public final class TopicProvisioner {
  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String UNLIMITED = "-1";

  private final Admin admin;
  private final ProcessorConfig config;

  public TopicProvisioner(final Admin admin, final ProcessorConfig config) {
    this.admin = admin;
    this.config = config;
  }

  /** Creates what is missing (when allowed), then checks that the audit topic can mirror the request partitions. */
  public void ensureTopics() {
    final ProcessorConfig.TopicNames names = config.topics();
    final Map<String, Map<String, String>> wanted = Map.of(
        names.requests(), retention(Duration.ofDays(7).toMillis()),
        names.replies(), retention(Duration.ofDays(1).toMillis()),
        names.audit(), Map.of("retention.ms", UNLIMITED, "retention.bytes", UNLIMITED, "cleanup.policy", "delete"),
        names.deadLetters(), retention(Duration.ofDays(14).toMillis()));
    try {
      final Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      final List<NewTopic> missing = new ArrayList<>();
      wanted.forEach((name, topicConfig) -> {
        if (!existing.contains(name)) {
          missing.add(new NewTopic(name, config.topicLayout().partitions(), config.topicLayout().replicationFactor())
              .configs(withMinInsyncReplicas(topicConfig)));
        }
      });
      if (!missing.isEmpty()) {
        create(missing);
      }
      checkAuditMirrorsRequests(names);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot reach the Kafka cluster at " + config.bootstrapServers()
          + " to check topics: " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
    }
  }

  private void create(final List<NewTopic> missing) throws InterruptedException, ExecutionException, TimeoutException {
    final List<String> names = missing.stream().map(NewTopic::name).toList();
    if (!config.topicLayout().create()) {
      throw new IllegalStateException("topics " + names + " do not exist and topics.create is false (RNG_TOPICS_CREATE); "
          + "create them as docs/configuration.md describes");
    }
    for (final var result : admin.createTopics(missing).values().entrySet()) {
      try {
        result.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Created topic {} ({} partitions, replication {})", result.getKey(),
            config.topicLayout().partitions(), config.topicLayout().replicationFactor());
      } catch (ExecutionException e) {
        // Another instance starting at the same time may have created it first.
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
  }

  private void checkAuditMirrorsRequests(final ProcessorConfig.TopicNames names)
      throws InterruptedException, ExecutionException, TimeoutException {
    final Map<String, TopicDescription> described = describe(List.of(names.requests(), names.audit()));
    final int requestPartitions = described.get(names.requests()).partitions().size();
    final int auditPartitions = described.get(names.audit()).partitions().size();
    if (auditPartitions < requestPartitions) {
      throw new IllegalStateException("the audit topic " + names.audit() + " has " + auditPartitions
          + " partitions but the requests topic " + names.requests() + " has " + requestPartitions
          + "; audit partition n must hold the history of request partition n, so give the audit topic at least as many");
    }
  }

  /** Describes topics, waiting while topics just created are not yet known to the broker that answers. */
  private Map<String, TopicDescription> describe(final List<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    final long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      try {
        return admin.describeTopics(topics).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw e;
        }
        // Metadata of a new topic reaches every broker shortly after creation.
        TimeUnit.MILLISECONDS.sleep(100);
      }
    }
  }

  private Map<String, String> withMinInsyncReplicas(final Map<String, String> topicConfig) {
    final Map<String, String> result = new java.util.HashMap<>(topicConfig);
    result.put("min.insync.replicas", config.topicLayout().replicationFactor() >= 3 ? "2" : "1");
    return result;
  }

  private static Map<String, String> retention(final long millis) {
    return Map.of("retention.ms", Long.toString(millis), "cleanup.policy", "delete");
  }
}
