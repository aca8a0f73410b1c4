package org.certbulletin.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.FailedWeek;
import org.certbulletin.service.PublishResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin publish}: brings the web archive in out/site up to date with the data. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Render every week whose data, templates or config changed, then write the archive index,"
          + " Atom feed and SHA256SUMS; the new archive replaces the old one atomically."
    })
final class PublishCommand implements Callable<Integer> {

  @Mixin ExitCodes.Standard exitCodes;

  private final ApplicationSource applications;

  PublishCommand(ApplicationSource applications) {
    this.applications = applications;
  }

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions options;

  @Option(
      names = "--allow-removal",
      description =
          "Take published weeks whose data file is gone out of the archive (without it, such a"
              + " publish stops and names them).")
  boolean allowRemoval;

  @Override
  public Integer call() throws Exception {
    PublishResult report =
        applications
            .open(options)
            .bulletins(AccessCommands.operator(), AccessCommands.FROM)
            .publish(ConsoleProgress.of(spec.commandLine().getErr()), allowRemoval);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "published %s: %d built, %d unchanged, %d failed%s%n",
        report.site(),
        report.built().size(),
        report.unchanged().size(),
        report.failed().size(),
        report.changed() ? "" : " (nothing changed)");
    report
        .withheld()
        .forEach((week, reason) -> out.printf(Locale.ROOT, "held back %s: %s%n", week, reason));
    return Failures.report(report.failed(), spec.commandLine().getErr());
  }

  /** Prints failed weeks and turns them into the exit code. */
  static final class Failures {

    private Failures() {}

    static int report(Map<WeekId, FailedWeek> failed, PrintWriter err) {
      if (failed.isEmpty()) {
        return ExitCode.OK;
      }
      failed.forEach(
          (week, failure) ->
              err.printf(
                  Locale.ROOT,
                  "failed %s:%n  %s%n",
                  week,
                  failure.reason().replace(System.lineSeparator(), System.lineSeparator() + "  ")));
      err.printf(
          Locale.ROOT,
          "%d week%s failed; their earlier editions, if any, stay as they were%n",
          failed.size(),
          failed.size() == 1 ? "" : "s");
      return failed.values().stream().allMatch(FailedWeek::badInput)
          ? ExitCode.BAD_INPUT
          : ExitCode.FAILURE;
    }
  }
}
