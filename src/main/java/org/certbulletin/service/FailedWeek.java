package org.certbulletin.service;

import java.util.Objects;
import org.certbulletin.publish.WeekFailure;

/**
 * Why a week of a batch (a build of every week, a publish) could not be rendered.
 *
 * @param reason what went wrong, one problem a line
 * @param badInput true when its data (or a week it depends on) is invalid, false for a rendering
 *     failure
 * @param timeLimit true when a template was still running at its time limit
 */
public record FailedWeek(String reason, boolean badInput, boolean timeLimit) {

  public FailedWeek {
    Objects.requireNonNull(reason, "reason == null");
  }

  static FailedWeek of(WeekFailure failure) {
    return new FailedWeek(failure.reason(), failure.badInput(), failure.timeLimit());
  }
}
