/**
 * The processor service: {@link io.rngstream.processor.ProcessorApp} wires configuration, topics and the topology and
 * runs them; {@link io.rngstream.processor.Main} is the process entry point.
 */
package io.rngstream.processor;
