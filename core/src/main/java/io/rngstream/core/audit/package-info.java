/**
 * Owns what makes a draw and the audit trail verifiable: the canonical byte encodings that signatures and hashes
 * cover, the per-partition hash chain with signed checkpoints, and the verifiers for one reply and for a whole trail
 * (specified in docs/verification.md).
 */
// Reads the Avro contract classes; must not import Kafka, Kafka Streams or Helidon: the processor and the CLI share it.
package io.rngstream.core.audit;
