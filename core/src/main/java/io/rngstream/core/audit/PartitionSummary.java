package io.rngstream.core.audit;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a {@link PartitionVerifier} has seen so far.
 *
 * @param partition        the audit partition
 * @param records          records accepted
 * @param firstSequence    sequence of the first chained record, empty if none had one
 * @param lastSequence     sequence of the chain head (the highest record that extended the chain), empty if none
 * @param lastCheckpoint   the last valid checkpoint, empty if none yet
 * @param uncoveredRecords records read after the record the last valid checkpoint covers (all records if there is
 *                         none yet), not counting valid CHECKPOINT records: not yet fixed by a signature
 * @param findings         number of findings reported
 * @param ok               {@code true} when there are no findings (uncovered records do not make it false)
 */
public record PartitionSummary(int partition, long records, OptionalLong firstSequence, OptionalLong lastSequence,
        Optional<CheckpointMark> lastCheckpoint, long uncoveredRecords, long findings, boolean ok) {
}
