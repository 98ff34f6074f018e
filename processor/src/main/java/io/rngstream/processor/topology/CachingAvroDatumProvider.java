package io.rngstream.processor.topology;

import io.apicurio.registry.serde.avro.AvroDatumProvider;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Apicurio's {@link DefaultAvroDatumProvider} with its writers and readers cached by schema <em>instance</em>.
 * Apicurio 3.1.7 keys its own cache by the schema's parsing fingerprint, which it recomputes for every record (the
 * canonical form as a string, then a hash): under load that was 12% of a stream thread's CPU and a quarter of its
 * allocations (docs/performance.md). Generated classes and the registry's schema cache hand out the same
 * {@link Schema} object each time, so an identity look-up finds it without any of that work.
 */
public final class CachingAvroDatumProvider<T> implements AvroDatumProvider<T> {
  /** Beyond this many schemas (only when callers build a new Schema object per record) the caches start over. */
  private static final int MAX_ENTRIES = 256;

  private final DefaultAvroDatumProvider<T> delegate = new DefaultAvroDatumProvider<>();
  private final Map<Schema, DatumWriter<T>> specificWriters = Collections.synchronizedMap(new IdentityHashMap<>());
  private final Map<Schema, DatumWriter<T>> genericWriters = Collections.synchronizedMap(new IdentityHashMap<>());
  private final Map<Schema, DatumReader<T>> readers = Collections.synchronizedMap(new IdentityHashMap<>());

  @Override
  public void configure(final AvroSerdeConfig config) {
    delegate.configure(config);
  }

  @Override
  public DatumWriter<T> createDatumWriter(final T data, final Schema schema) {
    // A writer depends on whether the data is a generated class, as in the default provider.
    final Map<Schema, DatumWriter<T>> writers = data instanceof SpecificRecord ? specificWriters : genericWriters;
    return cached(writers, schema, () -> delegate.createDatumWriter(data, schema));
  }

  @Override
  public DatumReader<T> createDatumReader(final Schema schema) {
    return cached(readers, schema, () -> delegate.createDatumReader(schema));
  }

  @Override
  public Schema toSchema(final T data) {
    return delegate.toSchema(data);
  }

  private static <V> V cached(final Map<Schema, V> cache, final Schema schema, final java.util.function.Supplier<V> create) {
    final V known = cache.get(schema);
    if (known != null) {
      return known;
    }
    final V made = create.get();
    synchronized (cache) {
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
      cache.put(schema, made);
    }
    return made;
  }
}
