package io.rngstream.client.cli;

import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.ReplyStatus;
import java.util.stream.Collectors;

/** One audit record as one line a person can scan: when, where, who, what was asked, and the outcome. */
final class AuditLine {
  private AuditLine() {
  }

  static String of(final AuditRecord audit) {
    final StringBuilder line = new StringBuilder(160)
        .append(audit.getGeneratedAt()).append(' ')
        .append(audit.getSerial()).append(' ')
        .append("client=").append(audit.getClientId()).append(' ')
        .append("request=").append(audit.getRequestId()).append(' ')
        .append('[').append(audit.getMin()).append("..").append(audit.getMax()).append("]x").append(audit.getCount())
        .append(audit.getUnique() ? " unique" : "")
        .append(' ').append(audit.getStatus());
    if (audit.getStatus() == ReplyStatus.OK) {
      line.append(' ').append(audit.getNumbers().stream().map(String::valueOf).collect(Collectors.joining(" ")))
          .append(" seed=").append(audit.getSeedSource());
    } else if (audit.getError() != null) {
      line.append(' ').append(audit.getError().getCode()).append(": ").append(audit.getError().getMessage());
    }
    if (audit.getUserData() != null) {
      line.append(" userData=").append(AvroJson.string(audit.getUserData()));
    }
    return line.toString();
  }
}
