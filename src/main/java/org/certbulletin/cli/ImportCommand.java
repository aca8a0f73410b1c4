package org.certbulletin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin import ...}: brings the analysts' sources into a week file. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Bring data from other sources into a week file: advisories (csaf, cve), KEV and EPSS"
            + " marks (kev, epss), the week's figures (tallies).",
    subcommands = {
      ImportCsafCommand.class,
      ImportCveCommand.class,
      ImportKevCommand.class,
      ImportEpssCommand.class,
      ImportTalliesCommand.class
    })
final class ImportCommand implements Runnable {

  @Mixin ExitCodes.Group exitCodes;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
