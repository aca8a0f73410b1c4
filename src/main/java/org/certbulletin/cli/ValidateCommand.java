package org.certbulletin.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.certbulletin.model.Problem;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.UntranslatedText;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.Bulletins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin validate [WEEK...]}: checks data files and reports every problem. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Check config.json and week files against the schema and rules; report every problem,"
            + " and warn of prose an edition prints in another language.")
final class ValidateCommand implements Callable<Integer> {

  @Mixin ExitCodes.Standard exitCodes;

  private final ApplicationSource applications;

  ValidateCommand(ApplicationSource applications) {
    this.applications = applications;
  }

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions options;

  @Parameters(
      paramLabel = "WEEK",
      arity = "0..*",
      description = "Weeks to check, like 2024-W51 (default: all).")
  List<WeekId> weeks = new ArrayList<>();

  @Override
  public Integer call() {
    List<WeekId> ids = List.copyOf(weeks);
    Bulletins service =
        applications.open(options).bulletins(AccessCommands.operator(), AccessCommands.FROM);
    List<Problem> problems = service.validate(ids);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int checked = ids.isEmpty() ? service.weeks().size() : ids.size();
    List<UntranslatedText> untranslated = service.untranslated(ids);
    untranslated.forEach(err::println);
    if (!untranslated.isEmpty()) {
      err.printf(
          Locale.ROOT,
          "%d text%s in another language than %s edition (warnings: the editions can be built)%n",
          untranslated.size(),
          untranslated.size() == 1 ? "" : "s",
          untranslated.size() == 1 ? "its" : "their");
    }
    if (problems.isEmpty()) {
      out.printf(
          Locale.ROOT,
          "ok: config.json and %d week file%s are valid%n",
          checked,
          checked == 1 ? "" : "s");
      return ExitCode.OK;
    }
    problems.forEach(err::println);
    long files = problems.stream().map(Problem::file).distinct().count();
    err.printf(
        Locale.ROOT,
        "%d problem%s in %d file%s; fix them and run %s again%n",
        problems.size(),
        problems.size() == 1 ? "" : "s",
        files,
        files == 1 ? "" : "s",
        ProgramName.command("validate"));
    return ExitCode.BAD_INPUT;
  }
}
