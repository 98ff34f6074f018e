package io.rngstream.core.audit;

import io.rngstream.core.signing.KeyRing;
import java.util.Objects;

/**
 * Verifies an audit trail against a key ring, one {@link PartitionVerifier} per partition.
 *
 * <p>Thread-safe: partitions share only the immutable key ring, so each can be verified on its own thread.
 */
public final class AuditVerifier {

    private final KeyRing keys;

    /**
     * A verifier that trusts the keys of a ring (active and retired).
     *
     * @param keys the public keys draws and checkpoints may be signed with
     */
    public AuditVerifier(final KeyRing keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * A fresh verifier for one partition; give it that partition's records in offset order.
     *
     * @param partition the audit partition
     * @return a verifier with no state yet
     */
    public PartitionVerifier forPartition(final int partition) {
        return new PartitionVerifier(partition, keys);
    }

    /** The keys this verifier trusts. */
    public KeyRing keys() {
        return keys;
    }
}
