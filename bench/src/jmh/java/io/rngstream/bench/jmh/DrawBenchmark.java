package io.rngstream.bench.jmh;

import io.rngstream.avro.RandomRequest;
import io.rngstream.core.generation.DrawAlgorithm;
import io.rngstream.core.generation.DrawAlgorithms;
import io.rngstream.core.generation.DrawSpec;
import io.rngstream.core.generation.SeedGenerator;
import io.rngstream.processor.generation.Draw;
import io.rngstream.processor.generation.NumberDrawer;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The draw for {@code count} numbers: as the processor does it (fresh seed from the seed generator, HMAC_DRBG,
 * boxed into the reply's list), the algorithm alone with a fixed seed, without replacement, and the plain baseline of
 * {@code count} calls to {@link SecureRandom#nextLong()}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DrawBenchmark {
  @Param({"1", "1000"})
  public int count;

  private NumberDrawer drawer;
  private RandomRequest request;
  private DrawAlgorithm algorithm;
  private DrawSpec spec;
  private DrawSpec uniqueSpec;
  private SeedGenerator seeds;
  private byte[] seed;
  private SecureRandom secureRandom;

  @Setup
  public void setUp() {
    drawer = new NumberDrawer(DrawAlgorithms.current(), new SeedGenerator());
    request = Samples.request(count, false);
    algorithm = DrawAlgorithms.current();
    spec = new DrawSpec(1, 1_000_000, count, false);
    uniqueSpec = new DrawSpec(1, 1_000_000, count, true);
    seeds = new SeedGenerator();
    seed = seeds.nextSeed();
    secureRandom = new SecureRandom();
  }

  /** What the processor runs per request: a fresh 256-bit seed, the draw, the boxed list. */
  @Benchmark
  public Draw processorDraw() {
    return drawer.draw(request);
  }

  /** The algorithm alone: HMAC_DRBG from a given seed and the unbiased mapping to the range. */
  @Benchmark
  public long[] algorithmDraw() {
    return algorithm.draw(seed, spec);
  }

  /** Without replacement (unique=true) in a range of a million. */
  @Benchmark
  public long[] uniqueDraw() {
    return algorithm.draw(seed, uniqueSpec);
  }

  /** A fresh seed from the seed generator's SecureRandom. */
  @Benchmark
  public byte[] seedOnly() {
    return seeds.nextSeed();
  }

  /** Baseline: the same count of SecureRandom.nextLong() calls, no range, no reproducibility. */
  @Benchmark
  public void secureRandomNextLong(final Blackhole sink) {
    for (int i = 0; i < count; i++) {
      sink.consume(secureRandom.nextLong());
    }
  }
}
