package org.certbulletin.model;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * A Quartz cron expression read in a time zone: the one place that parses and checks a schedule and
 * tells its firing times. Quartz follows the zone's daylight-saving rules, so a local time that
 * does not exist on the day clocks spring forward is skipped: such a firing is lost.
 */
public final class CronSchedule {

  private final String expression;
  private final ZoneId zone;
  private final CronExpression cron;

  /**
   * @throws IllegalArgumentException if {@code expression} is not a valid Quartz cron expression
   */
  public CronSchedule(String expression, ZoneId zone) {
    this.expression = Objects.requireNonNull(expression, "expression == null");
    this.zone = Objects.requireNonNull(zone, "zone == null");
    this.cron = parse(expression);
    cron.setTimeZone(TimeZone.getTimeZone(zone));
  }

  /** Why {@code expression} is not a valid cron expression, or empty if it is. */
  public static Optional<String> problem(String expression) {
    try {
      parse(expression);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  public String expression() {
    return expression;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The next {@code count} firing times after {@code after}. */
  public List<Instant> next(Instant after, int count) {
    List<Instant> times = new ArrayList<>();
    Date cursor = Date.from(after);
    for (int i = 0; i < count; i++) {
      cursor = cron.getNextValidTimeAfter(cursor);
      if (cursor == null) {
        break;
      }
      times.add(cursor.toInstant());
    }
    return times;
  }

  /** The latest firing at or before {@code time}, looking back at most two years. */
  public Optional<Instant> previous(Instant time) {
    Date end = Date.from(time);
    for (Duration window = Duration.ofMinutes(1);
        window.toDays() <= 732;
        window = window.multipliedBy(2)) {
      Date last = null;
      Date cursor = Date.from(time.minus(window));
      while ((cursor = cron.getNextValidTimeAfter(cursor)) != null && !cursor.after(end)) {
        last = cursor;
      }
      if (last != null) {
        return Optional.of(last.toInstant());
      }
    }
    return Optional.empty();
  }

  /**
   * The first daylight-saving gap after {@code from} in which this schedule would fire at a local
   * time that does not exist, with no other firing within a day after it to stand in: that week's
   * bulletin would be lost. Every gap is checked up to the schedule's last firing or 400 years on,
   * the calendar's full cycle (a weekly rule that misses the gap for the next two years can still
   * hit it later). A schedule that fires at least daily around the gap loses nothing: the next
   * firing publishes the same week.
   */
  public Optional<ZoneOffsetTransition> firstLostFiring(Instant from) {
    ZoneRules rules = zone.getRules();
    Instant until = from.plus(Duration.ofDays(400 * 366L));
    ZoneOffsetTransition transition = rules.nextTransition(from);
    CronExpression local = parse(expression);
    while (transition != null && transition.getInstant().isBefore(until)) {
      if (transition.isGap() && firesInGap(local, transition) && !firesSoonAfter(transition)) {
        return Optional.of(transition);
      }
      if (cron.getNextValidTimeAfter(Date.from(transition.getInstant())) == null) {
        return Optional.empty();
      }
      transition = rules.nextTransition(transition.getInstant());
    }
    return Optional.empty();
  }

  /** True if the schedule has no firing after {@code time}: it would never publish again. */
  public boolean endsBefore(Instant time) {
    return cron.getNextValidTimeAfter(Date.from(time)) == null;
  }

  private static boolean firesInGap(CronExpression local, ZoneOffsetTransition gap) {
    local.setTimeZone(TimeZone.getTimeZone(gap.getOffsetBefore()));
    LocalDateTime start = gap.getDateTimeBefore();
    Date next =
        local.getNextValidTimeAfter(
            Date.from(start.minusSeconds(1).toInstant(gap.getOffsetBefore())));
    return next != null
        && LocalDateTime.ofInstant(next.toInstant(), gap.getOffsetBefore())
            .isBefore(gap.getDateTimeAfter());
  }

  private boolean firesSoonAfter(ZoneOffsetTransition gap) {
    Date next = cron.getNextValidTimeAfter(Date.from(gap.getInstant()));
    return next != null && next.toInstant().isBefore(gap.getInstant().plus(Duration.ofDays(1)));
  }

  private static CronExpression parse(String expression) {
    try {
      return new CronExpression(expression);
    } catch (ParseException e) {
      throw new IllegalArgumentException(
          "'"
              + Printable.of(expression, 60)
              + "' is not a valid Quartz cron expression ("
              + e.getMessage()
              + "); it has six or seven fields, seconds first, e.g. 0 0 10 ? * WED",
          e);
    }
  }

  @Override
  public String toString() {
    return "'" + expression + "' in " + zone;
  }
}
