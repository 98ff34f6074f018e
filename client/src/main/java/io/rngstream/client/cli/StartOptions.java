package io.rngstream.client.cli;

import io.rngstream.client.audit.StartPosition;
import java.time.Instant;
import picocli.CommandLine.Option;

/** Where a command starts reading the audit trail ({@code --from-beginning}, {@code --since}, {@code --from-offsets}). */
public final class StartOptions {
  @Option(names = "--from-beginning", description = "Start at the oldest record kept (the default).")
  private boolean fromBeginning;

  @Option(names = "--since", paramLabel = "TIME", converter = TimeConverter.class,
      description = "Start at the first record written at or after TIME: 2025-06-01T10:00:00Z, 2025-06-01 (UTC), "
          + "or a time ago such as 30m, 12h, 7d.")
  private Instant since;

  @Option(names = "--from-offsets", paramLabel = "P:O,...",
      description = "Start partition P at offset O (e.g. 0:1200,1:980); partitions not named start at the beginning.")
  private String fromOffsets;

  /** The start the options name; the beginning when none does. */
  public StartPosition position() {
    final int given = (fromBeginning ? 1 : 0) + (since != null ? 1 : 0) + (fromOffsets != null ? 1 : 0);
    if (given > 1) {
      throw new CliFailure("Give one of --from-beginning, --since and --from-offsets.");
    }
    if (since != null) {
      return new StartPosition.Since(since);
    }
    if (fromOffsets != null) {
      try {
        return StartPosition.parseOffsets(fromOffsets);
      } catch (IllegalArgumentException e) {
        throw new CliFailure("Invalid value for option '--from-offsets': " + e.getMessage());
      }
    }
    return new StartPosition.Beginning();
  }
}
