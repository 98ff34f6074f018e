package io.rngstream.processor.generation;

import io.rngstream.avro.RandomRequest;
import io.rngstream.core.generation.DrawAlgorithm;
import io.rngstream.core.generation.DrawSpec;
import io.rngstream.core.generation.SeedGenerator;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Draws the numbers of a validated request: the client's seed, or a fresh one from the server's SecureRandom. */
public final class NumberDrawer {
  /** The seed source recorded when the request supplied the seed. */
  public static final String CLIENT_SEED_SOURCE = "CLIENT";

  private final DrawAlgorithm algorithm;
  private final SeedGenerator seeds;

  public NumberDrawer(final DrawAlgorithm algorithm, final SeedGenerator seeds) {
    this.algorithm = algorithm;
    this.seeds = seeds;
  }

  /** The id of the algorithm this drawer uses. */
  public String algorithmId() {
    return algorithm.id();
  }

  /** Draws for a request that passed validation. */
  public Draw draw(final RandomRequest request) {
    final boolean clientSeed = request.getSeed() != null;
    final byte[] seed = clientSeed ? bytesOf(request.getSeed()) : seeds.nextSeed();
    final long[] drawn = algorithm.draw(seed,
        new DrawSpec(request.getMin(), request.getMax(), request.getCount(), request.getUnique()));
    final List<Long> numbers = new ArrayList<>(drawn.length);
    for (final long number : drawn) {
      numbers.add(number);
    }
    return new Draw(numbers, seed, clientSeed ? CLIENT_SEED_SOURCE : seeds.sourceName(), algorithm.id());
  }

  private static byte[] bytesOf(final ByteBuffer buffer) {
    final byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
