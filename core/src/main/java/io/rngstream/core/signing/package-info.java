/** Owns Ed25519 keys for signed draws and checkpoints: generating, reading and writing them (PEM), key ids, the key list of /keys. */
// BouncyCastle's rfc8032 Ed25519 (about 10x faster than the JDK's provider); must not import Kafka, Avro or Helidon.
package io.rngstream.core.signing;
