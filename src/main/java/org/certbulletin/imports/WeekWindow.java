package org.certbulletin.imports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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

  /**
   * The instant an ISO-8601 timestamp names; one without an offset (CVE records have them) is read
   * as UTC, a bare date as its start in UTC.
   */
  static Optional<Instant> instant(String text) {
    String t = text.strip();
    try {
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException again) {
        try {
          return Optional.of(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException last) {
          return Optional.empty();
        }
      }
    }
  }
}
