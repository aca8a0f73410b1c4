package org.certbulletin.model;

import java.text.ParseException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * A Quartz cron expression read in a time zone: the one place that parses and checks a schedule and
 * tells its firing times. Quartz follows the zone's daylight-saving rules, so a local time that
 * does not exist on the day clocks spring forward is skipped: such a firing is lost.
 */
public final class CronSchedule {

  /**
   * Seconds, minutes and hours as plain numbers, any month, any year: what {@link #inWords} says.
   */
  private static final Pattern SIMPLE =
      Pattern.compile(
          "([0-9]{1,2}) ([0-9]{1,2}) ([0-9]{1,2}) (\\*|\\?) (\\*) ([A-Za-z0-9,]+|\\*|\\?)(?:"
              + " \\*)?");

  private static final List<String> QUARTZ_DAYS =
      List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

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
      return Optional.of(Objects.requireNonNullElse(e.getMessage(), "not a valid cron expression"));
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

  /**
   * The schedule for people: {@code every Wednesday at 10:00 in Asia/Shanghai} for a weekly or
   * daily expression with fixed seconds, minutes and hours ({@code 0 0 10 ? * WED}, {@code 0 30 9 ?
   * * MON,THU}, {@code 0 0 6 * * ?}), otherwise {@code on cron '...' in ZONE}.
   */
  public String inWords() {
    Matcher m = SIMPLE.matcher(expression.trim());
    if (m.matches()) {
      int second = Integer.parseInt(m.group(1));
      int minute = Integer.parseInt(m.group(2));
      int hour = Integer.parseInt(m.group(3));
      Optional<String> days = days(m.group(4), m.group(6));
      if (second < 60 && minute < 60 && hour < 24 && days.isPresent()) {
        String time =
            second == 0
                ? String.format(Locale.ROOT, "%02d:%02d", hour, minute)
                : String.format(Locale.ROOT, "%02d:%02d:%02d", hour, minute, second);
        return "every " + days.get() + " at " + time + " in " + zone;
      }
    }
    return "on cron '" + expression + "' in " + zone;
  }

  /** "day" for every day, or the days of the week named, or empty for anything else. */
  private static Optional<String> days(String dayOfMonth, String dayOfWeek) {
    boolean everyDayOfMonth = dayOfMonth.equals("*") || dayOfMonth.equals("?");
    boolean everyDayOfWeek = dayOfWeek.equals("*") || dayOfWeek.equals("?");
    if (everyDayOfMonth && everyDayOfWeek) {
      return Optional.of("day");
    }
    if (!dayOfMonth.equals("?")) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    for (String day : dayOfWeek.split(",", -1)) {
      int index = QUARTZ_DAYS.indexOf(day.toUpperCase(Locale.ROOT));
      if (index < 0 && day.matches("[1-7]")) {
        index = Integer.parseInt(day) - 1;
      }
      if (index < 0) {
        return Optional.empty();
      }
      // Quartz counts from Sunday (1 or SUN)
      names.add(DayOfWeek.SUNDAY.plus(index).getDisplayName(TextStyle.FULL, Locale.ENGLISH));
    }
    return Optional.of(
        names.size() == 1
            ? names.get(0)
            : String.join(", ", names.subList(0, names.size() - 1))
                + " and "
                + names.get(names.size() - 1));
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
