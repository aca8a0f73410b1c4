package org.certbulletin.service;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.ingest.NextWeekDocument;
import org.certbulletin.model.Config;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Issue;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.model.WeekId;
import tools.jackson.databind.JsonNode;

/**
 * Starts a week's file from the newest earlier one ({@code cert-bulletin new}): the figures at
 * zero, the issue advanced, the publication time the schedule gives the week.
 */
final class WeekStart {

  private final DataDirectory data;

  WeekStart(DataDirectory data) {
    this.data = data;
  }

  /**
   * Creates the file of {@code requested}, or of the week after the newest week file.
   *
   * @throws InvalidDataException if the week has a file already, no earlier week has one, or the
   *     earlier week's file or the configuration is invalid
   */
  NewWeek create(Optional<WeekId> requested) throws IOException {
    List<WeekId> weeks = data.weeks();
    if (requested.isEmpty() && weeks.isEmpty()) {
      throw InvalidDataException.of(
          data.weeksFolder().toString(),
          "no week files found to start the next week from; check --data, or write the first week"
              + " by hand (docs/analyst-guide.md, \"The week file\")");
    }
    WeekId week = requested.orElseGet(() -> weeks.get(weeks.size() - 1).next());
    Path file = data.weekFile(week);
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw alreadyExists(file, week);
    }
    WeekId source =
        weeks.stream()
            .filter(w -> w.compareTo(week) < 0)
            .reduce((older, newer) -> newer)
            .orElseThrow(
                () ->
                    InvalidDataException.of(
                        data.weeksFolder().toString(),
                        "no week file before "
                            + week
                            + " to start it from; new copies the shape of an earlier week, so write"
                            + " the first week by hand (docs/analyst-guide.md, \"The week"
                            + " file\")"));
    Config config = data.config();
    JsonNode document = data.document(source);
    Issue sourceIssue = NextWeekDocument.issue(document);
    Issue issue = sourceIssue.next(source, week);
    Optional<OffsetDateTime> scheduled = config.schedule().flatMap(s -> publication(week, s));
    OffsetDateTime published =
        scheduled.orElseGet(
            () -> shifted(NextWeekDocument.published(document), source, week, config));
    try {
      data.create(week, NextWeekDocument.from(document, week, issue, published), source);
    } catch (FileAlreadyExistsException e) {
      throw alreadyExists(file, week);
    }
    return new NewWeek(
        week,
        file,
        source,
        between(source, week),
        issue,
        sourceIssue,
        NextWeekDocument.rating(document),
        published,
        scheduled.isPresent());
  }

  /**
   * When the daemon publishes {@code week}: its first firing in the week after it, in the
   * schedule's zone, since a firing publishes the latest week ended by then (see {@code DueWeek});
   * empty if the schedule does not fire in that week.
   */
  static Optional<OffsetDateTime> publication(WeekId week, ScheduleSettings schedule) {
    return schedule
        .firingFor(week)
        .map(firing -> firing.atZone(schedule.zone()).toOffsetDateTime());
  }

  /**
   * {@code published} moved on by the weeks from {@code source} to {@code week}: the same weekday
   * and local time in the issuer's zone when it was written in that zone's offset (a change of
   * daylight-saving time changes the offset), else the same offset.
   */
  static OffsetDateTime shifted(
      OffsetDateTime published, WeekId source, WeekId week, Config config) {
    long weeks = ChronoUnit.WEEKS.between(source.start(), week.start());
    ZonedDateTime local = published.atZoneSameInstant(config.issuer().zone());
    return local.getOffset().equals(published.getOffset())
        ? local.plusWeeks(weeks).toOffsetDateTime()
        : published.plusWeeks(weeks);
  }

  private static List<WeekId> between(WeekId source, WeekId week) {
    List<WeekId> skipped = new ArrayList<>();
    for (WeekId w = source.next(); w.compareTo(week) < 0; w = w.next()) {
      skipped.add(w);
    }
    return skipped;
  }

  private static InvalidDataException alreadyExists(Path file, WeekId week) {
    return InvalidDataException.of(
        file.toString(),
        week
            + " already has a file, and new never overwrites one; delete the file to start the"
            + " week again, or name another week ("
            + ProgramName.command("new " + week.next())
            + ")");
  }
}
