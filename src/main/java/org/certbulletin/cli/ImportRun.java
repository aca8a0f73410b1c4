package org.certbulletin.cli;

import java.io.PrintWriter;
import java.util.List;
import org.certbulletin.service.Application;
import org.certbulletin.service.Bulletins;
import org.certbulletin.service.ImportResult;
import picocli.CommandLine.Model.CommandSpec;

/** Runs one advisory import for a command and prints its report. */
final class ImportRun {

  private ImportRun() {}

  static int advisories(
      Application application,
      CommandSpec spec,
      ImportOptions options,
      Bulletins.AdvisorySource kind,
      List<String> sources) {
    ImportResult report =
        application
            .bulletins(AccessCommands.operator(), AccessCommands.FROM)
            .importAdvisories(options.week, kind, sources, options.limits(spec), options.dryRun);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    report.lines().forEach(out::println);
    report.warnings().forEach(line -> err.println("warning: " + line));
    report.rejected().forEach(line -> err.println("not imported: " + line));
    String verb =
        !report.changed()
            ? "unchanged"
            : options.dryRun ? "would change (dry run: nothing written)" : "updated";
    out.println(report.file() + ": " + verb + "; " + report.summary());
    return report.rejected().isEmpty() ? ExitCode.OK : ExitCode.BAD_INPUT;
  }
}
