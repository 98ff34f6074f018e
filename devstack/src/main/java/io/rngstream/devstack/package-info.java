/**
 * Owns the real parts that tests and {@code ./rng demo} run against: an in-process Kafka broker, an
 * Apicurio Registry child JVM, the {@link io.rngstream.devstack.DevStack} that starts both, and child-JVM plumbing.
 * Must not import anything from the processor, client or launcher modules; they depend on this one.
 */
package io.rngstream.devstack;
