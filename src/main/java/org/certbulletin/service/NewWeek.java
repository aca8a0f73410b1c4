package org.certbulletin.service;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.certbulletin.ingest.NextWeekDocument;
import org.certbulletin.model.Issue;
import org.certbulletin.model.WeekId;

/**
 * A week file started from the week before it.
 *
 * @param week the new week
 * @param file its new file
 * @param source the newest earlier week, whose file it was made from
 * @param skipped the weeks between the two, which have no file (a gap), oldest first
 * @param issue the new week's issue, counting the skipped weeks too
 * @param sourceIssue the source's issue
 * @param rating the situation's rating, kept from the source; empty if it has none
 * @param published the new week's publication time
 * @param scheduled true if {@code published} comes from the schedule, false if it is the source's
 *     weekday and time shifted by the weeks between them
 */
public record NewWeek(
    WeekId week,
    Path file,
    WeekId source,
    List<WeekId> skipped,
    Issue issue,
    Issue sourceIssue,
    Optional<String> rating,
    OffsetDateTime published,
    boolean scheduled) {

  public NewWeek {
    Objects.requireNonNull(week, "week == null");
    Objects.requireNonNull(file, "file == null");
    Objects.requireNonNull(source, "source == null");
    skipped = List.copyOf(skipped);
    Objects.requireNonNull(issue, "issue == null");
    Objects.requireNonNull(sourceIssue, "sourceIssue == null");
    Objects.requireNonNull(rating, "rating == null");
    Objects.requireNonNull(published, "published == null");
  }

  /** The publication time as the file has it: {@code 2025-01-01T10:00:00+08:00}. */
  public String publishedText() {
    return NextWeekDocument.PUBLISHED.format(published);
  }
}
