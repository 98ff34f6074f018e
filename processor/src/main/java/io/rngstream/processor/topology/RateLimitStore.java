package io.rngstream.processor.topology;

import io.rngstream.processor.ratelimit.BucketState;
import io.rngstream.processor.ratelimit.TokenBuckets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The token buckets of the clients of one request partition, by clientId. Persistent and changelogged (the default
 * for a store builder), so a restarted or moved task resumes with the buckets as they were, not full.
 */
final class RateLimitStore {
  static final String NAME = "rate-limits";

  private final KeyValueStore<String, byte[]> store;
  private final TokenBuckets buckets;

  RateLimitStore(final KeyValueStore<String, byte[]> store, final TokenBuckets buckets) {
    this.store = store;
    this.buckets = buckets;
  }

  static StoreBuilder<KeyValueStore<String, byte[]>> builder() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(), Serdes.ByteArray());
  }

  /** Takes a request of {@code numbers} numbers from the client's buckets; stores the new state when allowed. */
  TokenBuckets.Decision take(final String clientId, final long nowMs, final int numbers) {
    final TokenBuckets.Decision decision = buckets.take(BucketState.decode(store.get(clientId)), nowMs, numbers);
    // A limited request changes nothing worth a changelog write: the refill is recomputed from the stored time.
    if (decision.allowed()) {
      store.put(clientId, decision.state().encode());
    }
    return decision;
  }

  /** Deletes buckets that have refilled completely: an absent bucket is a full one, so the store only holds busy clients. */
  int evictFull(final long nowMs) {
    final List<String> full = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> all = store.all()) {
      while (all.hasNext()) {
        final KeyValue<String, byte[]> entry = all.next();
        final BucketState state = BucketState.decode(entry.value);
        if (state == null || buckets.full(state, nowMs)) {
          full.add(entry.key);
        }
      }
    }
    full.forEach(store::delete);
    return full.size();
  }
}
