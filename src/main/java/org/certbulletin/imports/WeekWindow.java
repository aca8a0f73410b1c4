package org.certbulletin.imports;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.certbulletin.model.WeekId;

/** The instants of one ISO week in the issuer's time zone: Monday 00:00 to the next Monday. */
record WeekWindow(WeekId week, Instant start, Instant end) {

  static WeekWindow of(WeekId week, ZoneId zone) {
    return new WeekWindow(
        week,
        week.start().atStartOfDay(zone).toInstant(),
        week.end().plusDays(1).atStartOfDay(zone).toInstant());
  }

  boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  /** Whether the ISO-8601 timestamp {@code text} falls in the week; false if it is not one. */
  boolean contains(String text) {
    return instant(text).map(this::contains).orElse(false);
  }

  static Optional<Instant> instant(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text.strip()).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
