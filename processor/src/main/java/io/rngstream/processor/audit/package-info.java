/**
 * The audit trail: builds the AuditRecord of every answered request from its reply and where the request came from.
 * No Kafka Streams types; the topology decides where records go.
 */
package io.rngstream.processor.audit;
