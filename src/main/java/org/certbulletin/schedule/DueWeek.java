package org.certbulletin.schedule;

import java.time.Instant;
import java.time.ZoneId;
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
}
