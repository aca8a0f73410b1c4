package org.certbulletin.cli;

import java.util.List;
import org.certbulletin.model.WeekId;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Parses WEEK arguments, turning a malformed one into a usage error (exit code 2). */
final class WeekArguments {

  private WeekArguments() {}

  static List<WeekId> parse(CommandSpec spec, List<String> texts) {
    return texts.stream().map(text -> parse(spec, text)).toList();
  }

  static WeekId parse(CommandSpec spec, String text) {
    try {
      return WeekId.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
