/**
 * The wire contract's names that the processor, the SDK and the tools share: topics, headers, dead-letter reasons.
 * Plain constants and small codecs only; nothing here imports Kafka, Avro or Helidon.
 */
package io.rngstream.core.protocol;
