package org.certbulletin.cli;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.certbulletin.model.AuditSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin audit prune}: deletes the entries older than the retention set. */
@Command(
    name = "prune",
    mixinStandardHelpOptions = true,
    description = {
      "Delete the audit entries older than config.json's audit.retain (like \"P400D\"); without"
          + " that setting nothing is deleted. Run it from cron, say daily."
    })
final class AuditPruneCommand implements Callable<Integer> {

  @Mixin ExitCodes.Standard exitCodes;

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions options;

  @Override
  public Integer call() {
    return AccessCommands.run(
        spec,
        options,
        (access, operator, out) -> {
          OptionalInt pruned = access.pruneAudit(operator, AccessCommands.FROM);
          if (pruned.isEmpty()) {
            out.println(
                "nothing pruned: config.json sets no audit retention (\"audit\": {\"retain\":"
                    + " \"P400D\"}), so the log keeps every entry");
          } else {
            out.printf(
                Locale.ROOT,
                "pruned %d audit entr%s older than %s%n",
                pruned.getAsInt(),
                pruned.getAsInt() == 1 ? "y" : "ies",
                AuditSettings.text(access.retention().orElseThrow()));
          }
          return ExitCode.OK;
        });
  }
}
