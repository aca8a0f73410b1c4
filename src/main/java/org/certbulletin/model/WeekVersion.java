package org.certbulletin.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a week's bulletin: 1 for the first, one more for each correction.
 *
 * @param status {@link ReviewState#DRAFT}, {@link ReviewState#IN_REVIEW}, {@link
 *     ReviewState#APPROVED} or {@link ReviewState#PUBLISHED}; a corrected week's earlier versions
 *     stay published
 * @param contentHash the SHA-256 (hex) of the week file as submitted and approved; empty while a
 *     draft
 * @param edited the last change made through cert-bulletin (an edit, an import, a new week)
 * @param note what the submitter said of this version (for a correction: what changed and why)
 * @param releaseAt the release time the approved content names ({@code release_at}), if any
 * @param rejection why the last reviewer sent it back, while it is a draft after a rejection
 */
public record WeekVersion(
    int number,
    ReviewState status,
    Optional<String> contentHash,
    Optional<ReviewAct> edited,
    Optional<ReviewAct> submitted,
    Optional<String> note,
    Optional<ReviewAct> approved,
    Optional<Instant> releaseAt,
    Optional<ReviewAct> published,
    Optional<ReviewAct> rejected,
    Optional<String> rejection) {

  public WeekVersion {
    if (number < 1) {
      throw new IllegalArgumentException("version " + number + " < 1");
    }
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(contentHash, "contentHash == null");
    Objects.requireNonNull(edited, "edited == null");
    Objects.requireNonNull(submitted, "submitted == null");
    Objects.requireNonNull(note, "note == null");
    Objects.requireNonNull(approved, "approved == null");
    Objects.requireNonNull(releaseAt, "releaseAt == null");
    Objects.requireNonNull(published, "published == null");
    Objects.requireNonNull(rejected, "rejected == null");
    Objects.requireNonNull(rejection, "rejection == null");
  }
}
