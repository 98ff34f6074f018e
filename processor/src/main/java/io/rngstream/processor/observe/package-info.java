/**
 * What operators see of the processor: trace context, logs and (later) metrics and health.
 * It may read from every other package; none of them depends on its internals beyond small value types.
 */
package io.rngstream.processor.observe;
