package org.certbulletin.model;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A published edition as the archive lists it: what the index and feed show of it, its files with
 * their digests, and the digest of the inputs it was rendered from.
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
    Map<String, FileDigest> files) {

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
