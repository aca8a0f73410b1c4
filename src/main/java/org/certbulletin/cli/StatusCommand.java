package org.certbulletin.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.certbulletin.service.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cert-bulletin status}: the schedule, next firings, last runs, and what is published or
 * stale.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show the schedule, the next firings, the last runs and which weeks are published or stale.",
      "Exits with 1 when the due week is not published by its deadline (a dead-man's switch for"
          + " monitoring)."
    })
final class StatusCommand implements Callable<Integer> {

  @Mixin ExitCodes.Status exitCodes;

  private final ApplicationSource applications;

  StatusCommand(ApplicationSource applications) {
    this.applications = applications;
  }

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions options;

  @Option(
      names = "--runs",
      paramLabel = "N",
      defaultValue = "10",
      description = "How many recent runs to list (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--verbose", description = "Name each suspended address, not only count them.")
  boolean verbose;

  @Override
  public Integer call() {
    StatusReport report = applications.open(options).scheduling().status(runs);
    PrintWriter out = spec.commandLine().getOut();
    report.lines(verbose).forEach(out::println);
    if (report.alarm().isPresent()) {
      spec.commandLine().getErr().println("ALARM: " + report.alarm().get());
      return ExitCode.FAILURE;
    }
    return ExitCode.OK;
  }
}
