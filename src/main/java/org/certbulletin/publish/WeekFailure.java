package org.certbulletin.publish;

import java.util.List;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.render.TemplateTimeLimitException;

/**
 * Why a week could not be rendered.
 *
 * @param badInput true when its data (or a week it depends on) is invalid, false for a rendering
 *     failure
 * @param timeLimit true when a template was still running at render.time_limit (not retried by the
 *     daemon)
 */
public record WeekFailure(String reason, boolean badInput, boolean timeLimit) {

  public WeekFailure(String reason, boolean badInput) {
    this(reason, badInput, false);
  }

  public static WeekFailure of(RuntimeException failure) {
    if (failure instanceof InvalidDataException invalid) {
      List<String> problems = invalid.problems().stream().map(Object::toString).toList();
      return new WeekFailure(
          String.join(System.lineSeparator(), problems),
          true,
          failure instanceof TemplateTimeLimitException);
    }
    return new WeekFailure(String.valueOf(failure.getMessage()), false);
  }
}
