package io.rngstream.processor.topics;

import io.rngstream.processor.topology.TopicPartitionCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Partition counts from the cluster, cached: a reply topic is looked up once a minute at most, and a missing
 * one every few seconds, so the per-record path rarely waits for the Admin client.
 */
public final class AdminTopicPartitionCounts implements TopicPartitionCounts {
  private static final Duration FOUND_TTL = Duration.ofSeconds(60);
  private static final Duration MISSING_TTL = Duration.ofSeconds(5);
  private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

  private final Admin admin;
  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

  public AdminTopicPartitionCounts(final Admin admin, final Clock clock) {
    this.admin = admin;
    this.clock = clock;
  }

  @Override
  public OptionalInt partitionsOf(final String topic) {
    final Instant now = clock.instant();
    final Entry cached = cache.get(topic);
    if (cached != null && now.isBefore(cached.expires())) {
      return cached.partitions();
    }
    final OptionalInt partitions = lookUp(topic);
    cache.put(topic, new Entry(partitions, now.plus(partitions.isPresent() ? FOUND_TTL : MISSING_TTL)));
    return partitions;
  }

  private OptionalInt lookUp(final String topic) {
    try {
      return OptionalInt.of(admin.describeTopics(List.of(topic)).allTopicNames()
          .get(LOOKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().size());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return OptionalInt.empty();
      }
      throw new IllegalStateException("cannot look up reply topic " + topic + ": " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out looking up reply topic " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted looking up reply topic " + topic, e);
    }
  }

  private record Entry(OptionalInt partitions, Instant expires) {
  }
}
