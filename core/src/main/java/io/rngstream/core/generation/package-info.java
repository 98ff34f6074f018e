/** Owns the draw: a pure, byte-for-byte specified function from a 32-byte seed and a {@link io.rngstream.core.generation.DrawSpec} to numbers, plus fresh seeds (see docs/draw-algorithm.md). */
// Must not import Kafka, Avro or Helidon: the processor, the audit verifier and the benchmarks reuse it unchanged.
package io.rngstream.core.generation;
