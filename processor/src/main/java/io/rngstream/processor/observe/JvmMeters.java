package io.rngstream.processor.observe;

import io.helidon.metrics.api.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Tag;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * JVM meters (memory, GC, threads, classes, uptime) with Prometheus-conventional names such as
 * {@code jvm_memory_used_bytes}, bound to Helidon's registry once per JVM, however many processors it starts.
 */
public final class JvmMeters {
  private static final AtomicBoolean BOUND = new AtomicBoolean();

  private JvmMeters() {
  }

  /**
   * GC counts and times through Helidon's API: Micrometer's GC binder registers meters lazily from the JMX
   * notification thread, and registering past Helidon from another thread can deadlock the two registries.
   */
  private static void bindGarbageCollectors(final MeterRegistry registry) {
    for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      final List<Tag> tags = List.of(Tag.create("gc", gc.getName()));
      registry.getOrCreate(FunctionalCounter.builder("jvm_gc_collections", gc, bean -> Math.max(0, bean.getCollectionCount()))
          .description("Collections by this garbage collector").tags(tags).scope("base"));
      registry.getOrCreate(Gauge.builder("jvm_gc_collection_time_seconds_cumulative",
              () -> Math.max(0, gc.getCollectionTime()) / 1000.0)
          .description("Time spent in this garbage collector since start (cumulative)").tags(tags).scope("base"));
    }
  }

  /** Binds on the first call; later calls do nothing. */
  public static void bindOnce(final MeterRegistry registry) {
    if (!BOUND.compareAndSet(false, true)) {
      return;
    }
    final io.micrometer.core.instrument.MeterRegistry micrometer = registry.unwrap(io.micrometer.core.instrument.MeterRegistry.class);
    new JvmMemoryMetrics().bindTo(micrometer);
    bindGarbageCollectors(registry);
    new JvmThreadMetrics().bindTo(micrometer);
    new ClassLoaderMetrics().bindTo(micrometer);
    new UptimeMetrics().bindTo(micrometer);
  }
}
