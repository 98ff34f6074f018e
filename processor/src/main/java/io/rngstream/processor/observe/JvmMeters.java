package io.rngstream.processor.observe;

import io.helidon.metrics.api.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * JVM meters (memory, GC, threads, classes, uptime) with Prometheus-conventional names such as
 * {@code jvm_memory_used_bytes}, bound to Helidon's registry once per JVM, however many processors it starts.
 */
public final class JvmMeters {
  private static final AtomicBoolean BOUND = new AtomicBoolean();

  private JvmMeters() {
  }

  /** Binds on the first call; later calls do nothing. */
  public static void bindOnce(final MeterRegistry registry) {
    if (!BOUND.compareAndSet(false, true)) {
      return;
    }
    final io.micrometer.core.instrument.MeterRegistry micrometer = registry.unwrap(io.micrometer.core.instrument.MeterRegistry.class);
    new JvmMemoryMetrics().bindTo(micrometer);
    new JvmGcMetrics().bindTo(micrometer);
    new JvmThreadMetrics().bindTo(micrometer);
    new ClassLoaderMetrics().bindTo(micrometer);
    new UptimeMetrics().bindTo(micrometer);
  }
}
