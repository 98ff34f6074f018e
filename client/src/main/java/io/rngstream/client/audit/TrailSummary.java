package io.rngstream.client.audit;

import io.rngstream.core.audit.PartitionSummary;
import java.util.List;
import java.util.Map;

/**
 * What a verification of the audit trail found, partition by partition.
 *
 * @param partitions one summary per partition that had records, in partition order
 * @param unreadable records per partition that were not {@code AuditRecord}s (each also counted in
 *                   {@link #failures}); partitions without any are absent
 * @param failures   every failure reported: findings and unreadable records
 */
public record TrailSummary(List<PartitionSummary> partitions, Map<Integer, Long> unreadable, long failures) {

  public TrailSummary {
    partitions = List.copyOf(partitions);
    unreadable = Map.copyOf(unreadable);
  }

  /** Records read, readable or not. */
  public long records() {
    return partitions.stream().mapToLong(PartitionSummary::records).sum()
        + unreadable.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Records after the last valid checkpoint of their partition: checked, but not yet fixed by a signature. */
  public long uncovered() {
    return partitions.stream().mapToLong(PartitionSummary::uncoveredRecords).sum();
  }

  /** Failures in one partition: its findings and its unreadable records. */
  public long failuresIn(final PartitionSummary partition) {
    return partition.findings() + unreadable.getOrDefault(partition.partition(), 0L);
  }

  /** True when nothing failed (uncovered records are not failures). */
  public boolean ok() {
    return failures == 0;
  }
}
