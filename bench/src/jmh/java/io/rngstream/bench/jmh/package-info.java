/**
 * JMH benchmarks of the per-record steps of the processor, each next to a plain baseline. Compiled and run only with
 * the Maven profile {@code jmh}: {@code ./mvnw -B -pl bench -am -Pjmh verify -DskipTests -Dspotbugs.skip}.
 */
package io.rngstream.bench.jmh;
