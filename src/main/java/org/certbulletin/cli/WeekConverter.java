package org.certbulletin.cli;

import org.certbulletin.model.WeekId;
import picocli.CommandLine;

/**
 * A WEEK argument ({@code 2024-W51}); picocli reports a malformed one as a usage error naming the
 * option or parameter, the value and the form to type.
 */
final class WeekConverter implements CommandLine.ITypeConverter<WeekId> {

  @Override
  public WeekId convert(String value) {
    try {
      return WeekId.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
