package org.certbulletin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.certbulletin.model.Format;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BatchReport;
import org.certbulletin.service.BuildResult;
import org.certbulletin.service.Bulletins;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin build [WEEK]}: renders one week's bulletin as HTML and PDF. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description =
        "Validate one week and render its bulletin (bulletin.html, bulletin.pdf, bulletin.json).")
final class BuildCommand implements Callable<Integer> {

  @Mixin ExitCodes.Standard exitCodes;

  private final ApplicationSource applications;

  BuildCommand(ApplicationSource applications) {
    this.applications = applications;
  }

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions options;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Weeks weeks = new Weeks();

  /** Which weeks to build: one WEEK, or {@code --all}; neither means the newest. */
  static final class Weeks {

    @Parameters(
        paramLabel = "WEEK",
        arity = "1",
        description = "Week to build, like 2024-W51 (default: the newest).")
    WeekId week;

    @Option(names = "--all", description = "Build every week, on all cores.")
    boolean all;
  }

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      split = ",",
      defaultValue = "html,pdf",
      description =
          "Formats to render, separated by commas: html, pdf or both (default: ${DEFAULT-VALUE}).")
  Set<Format> formats;

  @Override
  public Integer call() throws InterruptedException {
    Bulletins service =
        applications.open(options).bulletins(AccessCommands.operator(), AccessCommands.FROM);
    if (weeks.all) {
      BatchReport report =
          service.buildAll(formats, ConsoleProgress.of(spec.commandLine().getErr()));
      spec.commandLine()
          .getOut()
          .printf(
              Locale.ROOT,
              "built %d week%s in %s, %d failed%n",
              report.built().size(),
              report.built().size() == 1 ? "" : "s",
              options.workspace().out(),
              report.failed().size());
      printUntranslated(
          service, report.built().stream().map(BuildResult::week).distinct().toList());
      return PublishCommand.Failures.report(report.failed(), spec.commandLine().getErr());
    }
    WeekId id = weeks.week == null ? service.latestWeek() : weeks.week;
    BuildResult result = service.build(id, formats);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "built %s (%s) in %s%n",
        result.week(),
        result.edition().label(),
        result.folder());
    for (Path file : result.written()) {
      out.printf(Locale.ROOT, "  wrote     %s%n", file.getFileName());
    }
    for (Path file : result.unchanged()) {
      out.printf(Locale.ROOT, "  unchanged %s%n", file.getFileName());
    }
    printUntranslated(service, List.of(id));
    return ExitCode.OK;
  }

  /**
   * How many texts each language's edition of {@code weeks} prints in another language: {@code
   * untranslated texts: en 0, zh-CN 2}, and where to read which.
   */
  private void printUntranslated(Bulletins service, List<WeekId> weeks) {
    if (weeks.isEmpty()) {
      return;
    }
    Map<Locale, Long> counts = new LinkedHashMap<>();
    service.languages().forEach(language -> counts.put(language, 0L));
    service.untranslated(weeks).forEach(text -> counts.merge(text.edition(), 1L, Long::sum));
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "  untranslated texts: %s%s%n",
            counts.entrySet().stream()
                .map(e -> e.getKey().toLanguageTag() + " " + e.getValue())
                .collect(Collectors.joining(", ")),
            total == 0
                ? ""
                : " ("
                    + ProgramName.command(
                        weeks.size() == 1 ? "validate " + weeks.get(0) : "validate")
                    + " names them)");
  }
}
