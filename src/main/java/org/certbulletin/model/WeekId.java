package org.certbulletin.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An ISO-8601 week, written {@code 2024-W51}: the period one bulletin covers, Monday to Sunday. */
public record WeekId(int year, int week) implements Comparable<WeekId> {

  private static final Pattern FORMAT = Pattern.compile("([0-9]{4})-W([0-9]{2})");

  public WeekId {
    if (year < 1000 || year > 9999) {
      throw new IllegalArgumentException("year out of range: " + year);
    }
    int weeks = weeksIn(year);
    if (week < 1 || week > weeks) {
      throw new IllegalArgumentException(
          "week " + week + " does not exist in " + year + " (it has " + weeks + " ISO weeks)");
    }
  }

  /**
   * Parses {@code YYYY-Www}; anything else (paths, spaces, lower case) is rejected, so a week id is
   * always safe to use as a path segment.
   */
  @JsonCreator
  public static WeekId parse(String text) {
    Objects.requireNonNull(text, "text == null");
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not an ISO week: '" + Printable.of(text, 43) + "' (expected YYYY-Www, e.g. 2024-W51)");
    }
    return new WeekId(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** The ISO week that contains the given date. */
  public static WeekId of(LocalDate date) {
    return new WeekId(
        date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  /** Monday of this week. */
  public LocalDate start() {
    return LocalDate.of(year, 1, 4)
        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** Sunday of this week. */
  public LocalDate end() {
    return start().plusDays(6);
  }

  public WeekId previous() {
    return of(start().minusDays(7));
  }

  public WeekId next() {
    return of(start().plusDays(7));
  }

  /** The week's short label, as charts show it: {@code W51}. */
  public String shortLabel() {
    return String.format(Locale.ROOT, "W%02d", week);
  }

  @Override
  public int compareTo(WeekId other) {
    return year != other.year
        ? Integer.compare(year, other.year)
        : Integer.compare(week, other.week);
  }

  @Override
  @JsonValue
  public String toString() {
    return String.format(Locale.ROOT, "%04d-W%02d", year, week);
  }

  private static int weeksIn(int year) {
    return (int) LocalDate.of(year, 12, 28).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
  }
}
