package org.certbulletin.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.BiFunction;
import org.certbulletin.imports.AdvisoryImporter;
import org.certbulletin.imports.ImportReport;
import org.certbulletin.service.Application;
import org.certbulletin.service.WeekImport;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.node.ObjectNode;

/** Runs one advisory import for a command and prints its report. */
final class ImportRun {

  private ImportRun() {}

  static int advisories(
      Application application,
      CommandSpec spec,
      ImportOptions options,
      BiFunction<AdvisoryImporter, ObjectNode, ImportReport> change)
      throws IOException {
    WeekImport target = application.bulletins().importInto(WeekArguments.parse(spec, options.week));
    ImportReport report =
        target.apply(target.advisories(options.limits(spec)), change, options.dryRun);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    report.lines().forEach(out::println);
    report.warnings().forEach(line -> err.println("warning: " + line));
    report.rejected().forEach(line -> err.println("not imported: " + line));
    String verb =
        !report.changed()
            ? "unchanged"
            : options.dryRun ? "would change (dry run: nothing written)" : "updated";
    out.println(target.file() + ": " + verb + "; " + report.summary());
    return report.rejected().isEmpty() ? ExitCode.OK : ExitCode.BAD_INPUT;
  }
}
