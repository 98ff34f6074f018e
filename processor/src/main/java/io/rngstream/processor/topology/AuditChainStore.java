package io.rngstream.processor.topology;

import io.rngstream.avro.AuditRecord;
import io.rngstream.core.audit.ChainHead;
import io.rngstream.core.audit.ChainLink;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The head of one audit partition's hash chain, in a state store with a changelog: under exactly-once the
 * head moves in the same transaction as the audit record, so restarts and rebalances continue the chain
 * with no gap, fork or reuse.
 */
final class AuditChainStore {
  static final String NAME = "audit-chain";
  private static final int HASH_BYTES = 32;

  private final KeyValueStore<Integer, byte[]> store;
  private final int partition;

  AuditChainStore(final KeyValueStore<Integer, byte[]> store, final int partition) {
    this.store = store;
    this.partition = partition;
  }

  static StoreBuilder<KeyValueStore<Integer, byte[]>> builder() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.Integer(), Serdes.ByteArray());
  }

  int partition() {
    return partition;
  }

  /** Links the record to the chain (sequence, prevHash, hash) and makes it the new head. */
  AuditRecord append(final AuditRecord unlinked, final boolean isCheckpoint) {
    final State state = state();
    final AuditRecord linked = ChainLink.link(partition, state.head().orElse(null), unlinked);
    final byte[] hash = new byte[HASH_BYTES];
    linked.getHash().duplicate().get(hash);
    save(new State(Optional.of(new ChainHead(linked.getSequence(), hash)), isCheckpoint ? 0 : state.sinceCheckpoint() + 1));
    return linked;
  }

  /** Records appended since the last checkpoint. */
  long sinceCheckpoint() {
    return state().sinceCheckpoint();
  }

  Optional<ChainHead> head() {
    return state().head();
  }

  private State state() {
    final byte[] bytes = store.get(partition);
    if (bytes == null) {
      return new State(Optional.empty(), 0);
    }
    final ByteBuffer buffer = ByteBuffer.wrap(bytes);
    final long sequence = buffer.getLong();
    final byte[] hash = new byte[HASH_BYTES];
    buffer.get(hash);
    return new State(Optional.of(new ChainHead(sequence, hash)), buffer.getLong());
  }

  private void save(final State state) {
    final ChainHead head = state.head().orElseThrow();
    store.put(partition, ByteBuffer.allocate(Long.BYTES + HASH_BYTES + Long.BYTES)
        .putLong(head.sequence()).put(head.hash()).putLong(state.sinceCheckpoint()).array());
  }

  private record State(Optional<ChainHead> head, long sinceCheckpoint) {
  }
}
