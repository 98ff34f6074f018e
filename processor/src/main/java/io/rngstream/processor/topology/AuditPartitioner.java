package io.rngstream.processor.topology;

import io.rngstream.avro.AuditRecord;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/** Audit partition n holds the history of request partition n, in order. */
final class AuditPartitioner implements StreamPartitioner<String, AuditRecord> {
  @Override
  public Optional<Set<Integer>> partitions(final String topic, final String key, final AuditRecord value, final int numPartitions) {
    // The processor refuses to start when the audit topic has fewer partitions than the requests topic.
    return Optional.of(Set.of(value.getSourcePartition() % numPartitions));
  }
}
