package io.rngstream.client.cli;

import io.rngstream.client.audit.AuditFailure;
import io.rngstream.client.audit.TrailSummary;
import io.rngstream.core.audit.CheckpointMark;
import io.rngstream.core.audit.PartitionSummary;
import io.rngstream.core.json.Json;
import io.rngstream.core.signing.KeyRing;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** How {@code rng audit verify} reports: each failure as it is found, then a summary; as text or as JSON lines. */
final class VerifyReport {
  private final PrintWriter out;
  private final boolean json;

  VerifyReport(final PrintWriter out, final boolean json) {
    this.out = out;
    this.json = json;
  }

  /** One failure, at once (called from verifier threads). */
  synchronized void failure(final AuditFailure failure) {
    if (json) {
      out.println("{\"type\":\"failure\",\"partition\":" + failure.partition() + ",\"offset\":" + failure.offset()
          + ",\"kind\":" + Json.quote(failure.kind()) + ",\"detail\":" + Json.quote(failure.detail()) + "}");
    } else {
      out.println("FAILED partition " + failure.partition() + " offset " + failure.offset() + ": " + failure.kind()
          + ": " + failure.detail());
    }
    out.flush();
  }

  /** The summary; {@code partitions}: every partition of the topic with its end offset, read or not. */
  synchronized void summary(final String topic, final KeyRing keys, final Map<Integer, Long> partitions,
      final TrailSummary summary) {
    if (json) {
      jsonSummary(topic, partitions, summary);
    } else {
      textSummary(topic, keys, partitions, summary);
    }
    out.flush();
  }

  private void textSummary(final String topic, final KeyRing keys, final Map<Integer, Long> partitions,
      final TrailSummary summary) {
    out.println("audit trail " + topic + ": " + summary.records() + " records in " + partitions.size()
        + " partitions, keys " + keys.entries().stream()
        .map(entry -> entry.keyId() + " (" + entry.status().jsonName() + ")").collect(Collectors.joining(", ")));
    for (final int partition : partitions.keySet()) {
      final PartitionSummary read = find(summary, partition);
      if (read == null) {
        final long unreadable = summary.unreadable().getOrDefault(partition, 0L);
        out.println("  partition " + partition + ": " + (unreadable == 0 ? "no records read"
            : unreadable + " records, none readable: FAILED (" + unreadable + ")"));
        continue;
      }
      final StringBuilder line = new StringBuilder("  partition ").append(partition).append(": ")
          .append(read.records()).append(" records, sequence ")
          .append(range(read.firstSequence(), read.lastSequence())).append(", ");
      line.append(read.lastCheckpoint().map(VerifyReport::checkpoint).orElse("no checkpoint read"));
      line.append(", ").append(read.uncoveredRecords()).append(" not yet covered by a checkpoint: ");
      final long failures = summary.failuresIn(read);
      line.append(failures == 0 ? "OK" : "FAILED (" + failures + ")");
      out.println(line);
    }
    final String uncovered = summary.uncovered() == 0 ? "every record is covered by a signed checkpoint"
        : summary.uncovered() + " trailing record(s) not yet covered by a signed checkpoint (checked, but a later "
            + "checkpoint must still fix them)";
    out.println(summary.ok()
        ? "OK: " + summary.records() + " records verified; " + uncovered
        : "FAILED: " + summary.failures() + " failure(s) in " + summary.records() + " records; " + uncovered);
  }

  private void jsonSummary(final String topic, final Map<Integer, Long> partitions, final TrailSummary summary) {
    final StringBuilder json = new StringBuilder(256).append("{\"type\":\"summary\",\"topic\":")
        .append(Json.quote(topic)).append(",\"ok\":").append(summary.ok())
        .append(",\"records\":").append(summary.records())
        .append(",\"failures\":").append(summary.failures())
        .append(",\"uncovered\":").append(summary.uncovered())
        .append(",\"partitions\":[");
    boolean first = true;
    for (final int partition : partitions.keySet()) {
      final PartitionSummary read = find(summary, partition);
      json.append(first ? "" : ",").append("{\"partition\":").append(partition);
      if (read == null) {
        json.append(",\"records\":").append(summary.unreadable().getOrDefault(partition, 0L))
            .append(",\"firstSequence\":null,\"lastSequence\":null,\"lastCheckpoint\":null,\"uncovered\":0")
            .append(",\"failures\":").append(summary.unreadable().getOrDefault(partition, 0L));
      } else {
        json.append(",\"records\":").append(read.records() + summary.unreadable().getOrDefault(partition, 0L))
            .append(",\"firstSequence\":").append(number(read.firstSequence()))
            .append(",\"lastSequence\":").append(number(read.lastSequence()))
            .append(",\"lastCheckpoint\":").append(read.lastCheckpoint().map(mark -> "{\"coveredSequence\":"
                + mark.coveredSequence() + ",\"sequence\":" + mark.sequence() + ",\"offset\":" + mark.offset()
                + ",\"time\":" + Json.quote(Instant.ofEpochMilli(mark.timeMillis()).toString()) + "}").orElse("null"))
            .append(",\"uncovered\":").append(read.uncoveredRecords())
            .append(",\"failures\":").append(summary.failuresIn(read));
      }
      json.append('}');
      first = false;
    }
    out.println(json.append("]}"));
  }

  private static PartitionSummary find(final TrailSummary summary, final int partition) {
    return summary.partitions().stream().filter(read -> read.partition() == partition).findFirst().orElse(null);
  }

  private static String checkpoint(final CheckpointMark mark) {
    return "last checkpoint covers sequence " + mark.coveredSequence() + " (signed "
        + Instant.ofEpochMilli(mark.timeMillis()) + ", offset " + mark.offset() + ")";
  }

  private static String range(final OptionalLong first, final OptionalLong last) {
    return first.isEmpty() ? "none" : first.getAsLong() + ".." + last.orElse(first.getAsLong());
  }

  private static String number(final OptionalLong value) {
    return value.isEmpty() ? "null" : Long.toString(value.getAsLong());
  }
}
