/**
 * The service's topics: created at start when missing, checked for a usable layout, and looked up for reply routing.
 * Uses Kafka's Admin client only.
 */
package io.rngstream.processor.topics;
