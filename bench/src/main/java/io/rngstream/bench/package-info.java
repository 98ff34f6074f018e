/**
 * {@code ./rng bench}: open-loop end-to-end load against the processor and against a pass-through Kafka Streams
 * baseline on the same broker, latency in HdrHistogram, a search for the highest sustainable rate, a table and a
 * JSON result. docs/performance.md explains the method and the figures.
 */
package io.rngstream.bench;
