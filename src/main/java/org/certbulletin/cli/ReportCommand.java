package org.certbulletin.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.WeekReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cert-bulletin report WEEK [--json]}: what an auditor asks of a week. Who drafted,
 * reviewed, approved and published each version and when; what each list received of each version;
 * whether each recipient of an earlier version was sent its correction.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Show who drafted, submitted, approved and published each version of WEEK and when, what"
          + " each distribution list received of each version (uncertain deliveries named), and"
          + " whether each recipient of an earlier version was sent its correction."
    })
final class ReportCommand implements Callable<Integer> {

  @Mixin ExitCodes.Standard exitCodes;

  private final ApplicationSource applications;

  ReportCommand(ApplicationSource applications) {
    this.applications = applications;
  }

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions options;

  @Parameters(paramLabel = "WEEK", description = "The week, like 2024-W51.")
  WeekId week;

  @Option(
      names = "--json",
      description = "Print the report as JSON (as GET /api/weeks/WEEK/report).")
  boolean json;

  @Override
  public Integer call() {
    WeekReport report =
        applications
            .open(options)
            .bulletins(AccessCommands.operator(), AccessCommands.FROM)
            .report(week);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(report.jsonText());
    } else {
      report.lines().forEach(out::println);
    }
    return ExitCode.OK;
  }
}
