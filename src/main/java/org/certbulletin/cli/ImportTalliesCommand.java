package org.certbulletin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.TallyPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cert-bulletin import tallies FILE --week WEEK [--dry-run]}: puts the figures of the
 * analysts' spreadsheet into a week file.
 */
@Command(
    name = "tallies",
    mixinStandardHelpOptions = true,
    description = {
      "Put the figures of a spreadsheet (CSV or XLSX) into a week file's tallies.",
      "Shapes: one row per figure (columns tally, part, value; part empty, a breakdown part or"
          + " of_which:KEY), or one column per figure (incidents, incidents.phishing,"
          + " defaced_sites.of_which.government) with one row, or a week column and one row per"
          + " week. Each tally given replaces the week's; the others stay."
    })
final class ImportTalliesCommand implements Callable<Integer> {

  @Mixin ExitCodes.Standard exitCodes;

  private final ApplicationSource applications;

  ImportTalliesCommand(ApplicationSource applications) {
    this.applications = applications;
  }

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions options;

  @Parameters(paramLabel = "FILE", description = "The sheet: a .csv (UTF-8) or .xlsx file.")
  Path file;

  @Option(
      names = "--week",
      required = true,
      paramLabel = "WEEK",
      description = "The week whose file takes the figures, like 2024-W51.")
  WeekId week;

  @Option(names = "--dry-run", description = "Print what would change; write nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws InterruptedException {
    WeekId id = week;
    TallyPlan result =
        applications
            .open(options)
            .bulletins(AccessCommands.operator(), AccessCommands.FROM)
            .importTallies(id, file);
    PrintWriter out = spec.commandLine().getOut();
    if (result.changes().isEmpty()) {
      out.printf(Locale.ROOT, "unchanged %s: it already has these figures%n", result.file());
      return ExitCode.OK;
    }
    result.changes().forEach(change -> out.println("  " + change));
    if (result.changesLayout()) {
      out.printf(
          Locale.ROOT,
          "note: %s is not laid out as the sample files are (two-space indents, one item a line);"
              + " it is rewritten in that layout, so a diff shows more than these figures%n",
          result.file());
    }
    int count = result.changes().size();
    String figures = count + (count == 1 ? " figure" : " figures");
    if (dryRun) {
      out.printf(
          Locale.ROOT, "dry run: %s of %s would change; nothing written%n", figures, result.file());
    } else {
      result.write();
      out.printf(Locale.ROOT, "wrote %s: %s changed%n", result.file(), figures);
    }
    return ExitCode.OK;
  }
}
