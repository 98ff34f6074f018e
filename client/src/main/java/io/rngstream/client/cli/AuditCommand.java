package io.rngstream.client.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rng audit}: the commands that read the audit trail. */
@Command(name = "audit", description = "Reads, verifies and replays the audit trail.",
    subcommands = {AuditTailCommand.class, AuditVerifyCommand.class, AuditReplayCommand.class})
public final class AuditCommand implements Runnable {
  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
