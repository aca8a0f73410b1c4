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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin build [WEEK]}: renders one week's bulletin as HTML and PDF. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description =
        "Validate one week and render its bulletin (bulletin.html, bulletin.pdf, bulletin.json).")
final class BuildCommand implements Callable<Integer> {

  private final ApplicationSource applications;

  BuildCommand(ApplicationSource applications) {
    this.applications = applications;
  }

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions options;

  @Parameters(
      paramLabel = "WEEK",
      arity = "0..1",
      description = "Week to build, like 2024-W51 (default: the newest).")
  String week;

  @Option(names = "--all", description = "Build every week, on all cores.")
  boolean all;

  @Option(
      names = "--format",
      paramLabel = "LIST",
      defaultValue = "html,pdf",
      description = "Formats to render: html, pdf or html,pdf (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws InterruptedException {
    Set<Format> formats;
    try {
      formats = Format.parseList(format);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Bulletins service =
        applications.open(options).bulletins(AccessCommands.operator(), AccessCommands.FROM);
    if (all) {
      if (week != null) {
        throw new ParameterException(spec.commandLine(), "give a WEEK or --all, not both");
      }
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
    WeekId id = week == null ? service.latestWeek() : WeekArguments.parse(spec, week);
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
