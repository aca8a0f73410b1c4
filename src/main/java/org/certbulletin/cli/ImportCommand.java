package org.certbulletin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cert-bulletin import SOURCE ...}: brings data from elsewhere into the week files; each
 * source is a subcommand.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Bring data from other sources into a week file.",
    subcommands = {ImportTalliesCommand.class})
final class ImportCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
