package org.certbulletin.ingest;

import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * Finds a firing a schedule would lose: a local time that does not exist on the day clocks spring
 * forward. Quartz skips such a firing, and that week's bulletin would never be published.
 */
final class DaylightSavingGaps {

  private DaylightSavingGaps() {
  }

  /** The first skipped local time within {@code years} from {@code from}, as "2025-03-09 02:30". */
  static Optional<ZoneOffsetTransition> firstLostFiring(String cron, ZoneId zone, Instant from, int years) {
    ZoneRules rules = zone.getRules();
    Instant until = from.plusSeconds(years * 366L * 24 * 3600);
    ZoneOffsetTransition transition = rules.nextTransition(from);
    while (transition != null && transition.getInstant().isBefore(until)) {
      if (transition.isGap() && firesInGap(cron, transition)) {
        return Optional.of(transition);
      }
      transition = rules.nextTransition(transition.getInstant());
    }
    return Optional.empty();
  }

  private static boolean firesInGap(String cron, ZoneOffsetTransition gap) {
    try {
      CronExpression expression = new CronExpression(cron);
      expression.setTimeZone(TimeZone.getTimeZone(gap.getOffsetBefore()));
      LocalDateTime start = gap.getDateTimeBefore();
      Date next = expression.getNextValidTimeAfter(Date.from(start.minusSeconds(1).toInstant(gap.getOffsetBefore())));
      if (next == null) {
        return false;
      }
      LocalDateTime local = LocalDateTime.ofInstant(next.toInstant(), gap.getOffsetBefore());
      return local.isBefore(gap.getDateTimeAfter());
    } catch (ParseException e) {
      return false;
    }
  }
}
