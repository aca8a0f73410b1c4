package org.certbulletin.service;

import java.time.Instant;
import java.time.ZoneId;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.model.WeekId;

/**
 * Which week a firing publishes: the latest ISO week that has ended by the firing time, in the
 * schedule's time zone. A firing on Wednesday 25 December 2024 at 10:00 in Asia/Shanghai publishes
 * 2024-W51 (16-22 December); a firing on Sunday publishes the week before the one that is ending.
 */
public final class DueWeek {

  private DueWeek() {}

  public static WeekId at(Instant firing, ZoneId zone) {
    return WeekId.of(firing.atZone(zone).toLocalDate()).previous();
  }

  /**
   * The firing a run by hand for {@code week} stands for ({@code run --once --week}): the
   * schedule's firing that publishes it, or the start of the week after it (in the schedule's zone)
   * when the schedule does not fire in that week; either way {@link #at} gives {@code week} back.
   *
   * @throws IllegalArgumentException if {@code week} has not ended by {@code now}: no firing would
   *     publish it yet
   */
  public static Instant firingFor(WeekId week, ScheduleSettings schedule, Instant now) {
    Instant end = week.next().start().atStartOfDay(schedule.zone()).toInstant();
    if (end.isAfter(now)) {
      throw new IllegalArgumentException(
          week
              + " has not ended yet (it ends "
              + end
              + "), so no firing would publish it; name a week that has ended");
    }
    return schedule.firingFor(week).orElse(end);
  }
}
