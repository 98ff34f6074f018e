/**
 * The Java SDK: {@link io.rngstream.client.sdk.RngClient} sends {@code RandomRequest}s and matches the processor's
 * replies to them by correlation id. Public: the client, {@code DrawRequest} and the exceptions; the rest is internal.
 * Must not import the processor, devstack or CLI packages, nor Kafka Streams.
 */
package io.rngstream.client.sdk;
