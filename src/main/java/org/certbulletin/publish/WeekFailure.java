package org.certbulletin.publish;

import java.util.List;
import org.certbulletin.model.InvalidDataException;

/**
 * Why a week could not be rendered.
 *
 * @param badInput true when its data (or a week it depends on) is invalid, false for a rendering
 *     failure
 */
public record WeekFailure(String reason, boolean badInput) {

  public static WeekFailure of(RuntimeException failure) {
    if (failure instanceof InvalidDataException invalid) {
      List<String> problems = invalid.problems().stream().map(Object::toString).toList();
      return new WeekFailure(String.join(System.lineSeparator(), problems), true);
    }
    return new WeekFailure(String.valueOf(failure.getMessage()), false);
  }
}
