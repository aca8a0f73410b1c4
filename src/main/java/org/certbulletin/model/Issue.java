package org.certbulletin.model;

import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.OptionalInt;

/** Where a bulletin stands in the series: volume (usually the year), number, and running total. */
public record Issue(int volume, int number, OptionalInt total) {

  public Issue {
    if (volume < 1 || number < 1) {
      throw new IllegalArgumentException(
          "volume and number must be positive: " + volume + "/" + number);
    }
    Objects.requireNonNull(total, "total == null");
  }

  /**
   * The issue of week {@code to}, this being the issue of the earlier week {@code from}: one number
   * and one more in the total for each week between them. A volume that is its week's year follows
   * the year: in a new year it becomes the new week's year, numbered from 1 at the year's first
   * week. Any other volume is kept.
   */
  public Issue next(WeekId from, WeekId to) {
    if (to.compareTo(from) <= 0) {
      throw new IllegalArgumentException(to + " is not after " + from);
    }
    int weeks = Math.toIntExact(ChronoUnit.WEEKS.between(from.start(), to.start()));
    OptionalInt nextTotal =
        total.isPresent() ? OptionalInt.of(total.getAsInt() + weeks) : OptionalInt.empty();
    if (volume == from.year() && to.year() != from.year()) {
      return new Issue(to.year(), to.week(), nextTotal);
    }
    return new Issue(volume, number + weeks, nextTotal);
  }
}
