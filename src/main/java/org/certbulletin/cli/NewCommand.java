package org.certbulletin.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.certbulletin.model.Issue;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.NewWeek;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin new [WEEK]}: starts a week's file from the week before it. */
@Command(
    name = "new",
    mixinStandardHelpOptions = true,
    description =
        "Start a week's file from the newest earlier week: same shape, figures at zero, issue"
            + " advanced, publication time from the schedule. Never overwrites a file.")
final class NewCommand implements Callable<Integer> {

  @Mixin ExitCodes.Standard exitCodes;

  private final ApplicationSource applications;

  NewCommand(ApplicationSource applications) {
    this.applications = applications;
  }

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions options;

  @Parameters(
      paramLabel = "WEEK",
      arity = "0..1",
      description = "Week to start, like 2024-W52 (default: the week after the newest).")
  WeekId week;

  @Override
  public Integer call() throws IOException {
    Optional<WeekId> requested = Optional.ofNullable(week);
    NewWeek created =
        applications
            .open(options)
            .bulletins(AccessCommands.operator(), AccessCommands.FROM)
            .startWeek(requested);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "created %s from %s (%s, publishes %s%s)%n",
        created.file(),
        created.source(),
        issue(created),
        created.publishedText(),
        created.scheduled()
            ? ""
            : ", the earlier week's day and time: no schedule in config.json publishes it");
    if (!created.skipped().isEmpty()) {
      List<WeekId> skipped = created.skipped();
      out.printf(
          Locale.ROOT,
          "note: no file for %s, so it started from %s; the issue counts %s too, correct it if"
              + " no bulletin came out then%n",
          skipped.size() == 1
              ? skipped.get(0)
              : skipped.get(0) + " to " + skipped.get(skipped.size() - 1),
          created.source(),
          skipped.size() == 1 ? "that week" : "those weeks");
    }
    out.printf(
        Locale.ROOT,
        "fill in the figures and the partners' cases%s, then run: %s%s%n",
        created
            .rating()
            .map(r -> ", check the situation (rated " + r + " as in " + created.source() + ")")
            .orElse(""),
        ProgramName.command("validate " + created.week()),
        dataOption());
    return ExitCode.OK;
  }

  private static String issue(NewWeek created) {
    Issue issue = created.issue();
    List<String> parts = new ArrayList<>();
    parts.add(
        issue.volume() == created.sourceIssue().volume()
            ? "issue " + issue.number()
            : "volume " + issue.volume() + " issue " + issue.number());
    issue.total().ifPresent(total -> parts.add("total " + total));
    return String.join(", ", parts);
  }

  /** The {@code --data} option to repeat, when it is not the default, quoted for a shell. */
  private String dataOption() {
    if (options.data.equals(Path.of("data"))) {
      return "";
    }
    String folder = options.data.toString();
    return folder.matches("[A-Za-z0-9_./:=+-]+")
        ? " --data " + folder
        : " --data '" + folder.replace("'", "'\\''") + "'";
  }
}
