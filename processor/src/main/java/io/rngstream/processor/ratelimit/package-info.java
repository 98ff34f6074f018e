/**
 * Per-client rate limiting: a pure token-bucket calculation ({@link io.rngstream.processor.ratelimit.TokenBuckets})
 * over explicit state and time, so it can be tested without Kafka and kept in a state store by the topology.
 */
package io.rngstream.processor.ratelimit;
