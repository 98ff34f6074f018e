package io.rngstream.core.audit;

/**
 * The last valid checkpoint a verifier accepted in a partition.
 *
 * @param coveredSequence sequence of the last record it covers (every record up to it is fixed)
 * @param sequence        sequence of the CHECKPOINT record itself
 * @param offset          offset of the CHECKPOINT record
 * @param timeMillis      the checkpoint time, epoch milliseconds
 */
public record CheckpointMark(long coveredSequence, long sequence, long offset, long timeMillis) {
}
