package org.certbulletin.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A published edition as the archive lists it: what the index and feed show of it, its files with
 * their digests, and the digest of the inputs it was rendered from.
 *
 * @param corrected when the week's latest correction was published, for a week corrected since its
 *     first version: the feed's entry for it is updated then
 */
public record ArchiveEntry(
    WeekId week,
    Issue issue,
    OffsetDateTime published,
    Tlp tlp,
    boolean sample,
    long incidents,
    OptionalLong crossBorder,
    OptionalLong breaches,
    int advisories,
    int exploited,
    String inputs,
    Map<String, FileDigest> files,
    Optional<Instant> corrected) {

  /** A file's size and SHA-256 (lower-case hex). */
  public record FileDigest(long size, String sha256) {}

  public ArchiveEntry {
    Objects.requireNonNull(week, "week == null");
    Objects.requireNonNull(issue, "issue == null");
    Objects.requireNonNull(published, "published == null");
    Objects.requireNonNull(tlp, "tlp == null");
    Objects.requireNonNull(crossBorder, "crossBorder == null");
    Objects.requireNonNull(breaches, "breaches == null");
    Objects.requireNonNull(inputs, "inputs == null");
    files = Collections.unmodifiableMap(new TreeMap<>(files));
    Objects.requireNonNull(corrected, "corrected == null");
  }

  /** An entry of a week never corrected. */
  public ArchiveEntry(
      WeekId week,
      Issue issue,
      OffsetDateTime published,
      Tlp tlp,
      boolean sample,
      long incidents,
      OptionalLong crossBorder,
      OptionalLong breaches,
      int advisories,
      int exploited,
      String inputs,
      Map<String, FileDigest> files) {
    this(
        week,
        issue,
        published,
        tlp,
        sample,
        incidents,
        crossBorder,
        breaches,
        advisories,
        exploited,
        inputs,
        files,
        Optional.empty());
  }

  /**
   * The entry for an edition just rendered from {@code inputs} as version {@code revision} of its
   * week: a correction's entry carries when it was corrected.
   */
  public static ArchiveEntry of(
      Week edition, Optional<Revision> revision, String inputs, Map<String, FileDigest> files) {
    ArchiveEntry entry = of(edition, inputs, files);
    return revision
        .flatMap(Revision::correction)
        .map(c -> entry.correctedAt(c.correctedAt()))
        .orElse(entry);
  }

  /** This entry, corrected at {@code when}. */
  public ArchiveEntry correctedAt(Instant when) {
    return new ArchiveEntry(
        week,
        issue,
        published,
        tlp,
        sample,
        incidents,
        crossBorder,
        breaches,
        advisories,
        exploited,
        inputs,
        files,
        Optional.of(when));
  }

  /** When readers last saw it change: its correction, else its publication. */
  public Instant updated() {
    return corrected.orElse(published.toInstant());
  }

  /** The entry for an edition just rendered from {@code inputs}. */
  public static ArchiveEntry of(Week edition, String inputs, Map<String, FileDigest> files) {
    return new ArchiveEntry(
        edition.id(),
        edition.issue(),
        edition.published(),
        edition.tlp(),
        edition.sample(),
        edition.tally(TallyCatalogue.INCIDENTS).orElseThrow().value(),
        value(edition, TallyCatalogue.CROSS_BORDER_INCIDENTS),
        value(edition, TallyCatalogue.DATA_BREACHES),
        edition.advisories().size(),
        (int) edition.advisories().stream().filter(Advisory::exploited).count(),
        inputs,
        files);
  }

  private static OptionalLong value(Week week, String tally) {
    return week.tally(tally).map(t -> OptionalLong.of(t.value())).orElse(OptionalLong.empty());
  }
}
