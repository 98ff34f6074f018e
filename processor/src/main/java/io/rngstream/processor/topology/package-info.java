/**
 * The Kafka Streams graph: decode, answer (validate and draw), then reply, audit or dead-letter.
 * Each step is a small named processor; the logic they call lives in validation, generation and audit.
 */
package io.rngstream.processor.topology;
