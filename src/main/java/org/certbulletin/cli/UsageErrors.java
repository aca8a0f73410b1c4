package org.certbulletin.cli;

import java.io.PrintWriter;
import java.util.Optional;
import org.certbulletin.model.WeekId;
import picocli.CommandLine;
import picocli.CommandLine.Model.PositionalParamSpec;

/** Bad usage: what is wrong and where the help is, exit 2. */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

  @Override
  public int handleParseException(CommandLine.ParameterException e, String[] arguments) {
    PrintWriter usage = e.getCommandLine().getErr();
    usage.println("error: " + message(e));
    usage.println("see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
    return ExitCode.BAD_INPUT;
  }

  /** What went wrong, once: picocli starts some messages with its own "Error: ". */
  static String message(CommandLine.ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
      Optional<String> refused = refusedWeek(unmatched);
      if (refused.isPresent()) {
        return refused.get();
      }
    }
    String message = e.getMessage();
    return message.startsWith("Error: ") ? message.substring("Error: ".length()) : message;
  }

  /**
   * A malformed WEEK given to a parameter that takes any number of weeks ({@code validate
   * WEEK...}): picocli stops taking values at the first it cannot convert and calls it unmatched;
   * this says what the converter said instead.
   */
  private static Optional<String> refusedWeek(CommandLine.UnmatchedArgumentException e) {
    Optional<PositionalParamSpec> weeks =
        e.getCommandLine().getCommandSpec().positionalParameters().stream()
            .filter(p -> p.auxiliaryTypes()[0] == WeekId.class)
            .findFirst();
    if (weeks.isEmpty()) {
      return Optional.empty();
    }
    for (String argument : e.getUnmatched()) {
      if (argument.startsWith("-")) {
        continue;
      }
      try {
        new WeekConverter().convert(argument);
      } catch (CommandLine.TypeConversionException refused) {
        return Optional.of(
            "Invalid value for positional parameter "
                + weeks.get().paramLabel()
                + ": "
                + refused.getMessage());
      }
    }
    return Optional.empty();
  }
}
