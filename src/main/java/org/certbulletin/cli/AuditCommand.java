package org.certbulletin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin audit ...}: the audit log's upkeep. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "The audit log: who did what, when, from where (read it with GET /api/audit). It is never"
            + " edited; only 'audit prune' deletes entries, older than config.json's audit.retain.",
    subcommands = {AuditPruneCommand.class})
final class AuditCommand implements Runnable {

  @Mixin ExitCodes.Group exitCodes;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
