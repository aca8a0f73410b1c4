package org.certbulletin.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a week stands in review, and its versions.
 *
 * @param state the week's state: its latest version's, {@link ReviewState#DRAFT} when the file
 *     changed since that version was submitted or approved, {@link ReviewState#CORRECTED} when a
 *     version after the first is published and nothing newer is under way
 * @param versions oldest first; empty for a week never edited, submitted or published through
 *     cert-bulletin
 * @param changedOnDisk whether the week file differs from the latest submitted, approved or
 *     published content: an edit made outside cert-bulletin, which needs a new review
 * @param approvalRequired whether the configuration requires approval before a week leaves
 */
public record WeekReview(
    WeekId week,
    ReviewState state,
    List<WeekVersion> versions,
    boolean changedOnDisk,
    boolean approvalRequired) {

  public WeekReview {
    Objects.requireNonNull(week, "week == null");
    Objects.requireNonNull(state, "state == null");
    versions = List.copyOf(versions);
  }

  /** The newest version, if any. */
  public Optional<WeekVersion> latest() {
    return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
  }

  /** The newest published version, if any. */
  public Optional<WeekVersion> lastPublished() {
    return versions.stream().filter(v -> v.status() == ReviewState.PUBLISHED).reduce((a, b) -> b);
  }
}
