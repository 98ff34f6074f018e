/**
 * Chooses the seed for a validated request and runs the shared draw from {@code io.rngstream.core.generation}.
 * No Kafka types: the topology calls it, the tests call it directly.
 */
package io.rngstream.processor.generation;
