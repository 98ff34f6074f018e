/**
 * The audit trail tools' logic, without a command line: reading the audit topic from a start position, verifying
 * its partitions in parallel with core's verifier, loading trusted keys, and rebuilding replies from audit records.
 * Must not import picocli, the processor or devstack; the verification itself is core's ({@code io.rngstream.core.audit}).
 */
package io.rngstream.client.audit;
