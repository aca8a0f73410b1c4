package org.certbulletin.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which version of its week a bulletin is: its number, every version published so far, and for a
 * correction (version 2 and later) when it was corrected, the editor's note and what changed. An
 * older version's page, kept in the archive, names the version that superseded it.
 *
 * @param history every version of the week known when the edition is rendered, oldest first,
 *     numbered from 1 without gaps; it holds this one
 * @param correction present exactly for version 2 and later
 * @param supersededBy the next version, when this one has been corrected
 */
public record Revision(
    int version,
    List<Revision.Version> history,
    Optional<Revision.Correction> correction,
    Optional<Revision.Successor> supersededBy) {

  /**
   * One published version of the week.
   *
   * @param approvedBy the name of who approved it, where the CERT shows it to readers
   */
  public record Version(int number, Instant published, Optional<String> approvedBy) {
    public Version {
      if (number < 1) {
        throw new IllegalArgumentException("a version number starts at 1: " + number);
      }
      Objects.requireNonNull(published, "published == null");
      Objects.requireNonNull(approvedBy, "approvedBy == null");
    }
  }

  /**
   * What a correction says to readers.
   *
   * @param note the editor's note in the edition's language, when there is one
   * @param changes what changed since the version before, from {@link Amendments#between}
   */
  public record Correction(Instant correctedAt, Optional<String> note, List<Amendment> changes) {
    public Correction {
      Objects.requireNonNull(correctedAt, "correctedAt == null");
      Objects.requireNonNull(note, "note == null");
      changes = List.copyOf(changes);
    }
  }

  /** The version that corrected this one, and when. */
  public record Successor(int version, Instant correctedAt) {
    public Successor {
      Objects.requireNonNull(correctedAt, "correctedAt == null");
    }
  }

  public Revision {
    if (version < 1) {
      throw new IllegalArgumentException("a version number starts at 1: " + version);
    }
    history = List.copyOf(history);
    Objects.requireNonNull(correction, "correction == null");
    Objects.requireNonNull(supersededBy, "supersededBy == null");
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).number() != i + 1) {
        throw new IllegalArgumentException(
            "the history numbers its versions 1, 2, 3...; entry "
                + (i + 1)
                + " is version "
                + history.get(i).number());
      }
    }
    if (version > history.size()) {
      throw new IllegalArgumentException(
          "version " + version + " is not in the history of " + history.size() + " version(s)");
    }
    if (correction.isPresent() != (version > 1)) {
      throw new IllegalArgumentException(
          version > 1
              ? "version " + version + " is a correction and needs one"
              : "version 1 is not a correction");
    }
    supersededBy.ifPresent(
        next -> {
          if (next.version() <= version) {
            throw new IllegalArgumentException(
                "version " + version + " cannot be superseded by version " + next.version());
          }
        });
  }

  /** The first version of a week, as published. */
  public static Revision first(Instant published, Optional<String> approvedBy) {
    return new Revision(
        1, List.of(new Version(1, published, approvedBy)), Optional.empty(), Optional.empty());
  }

  /** A correction: the last version of {@code history}. */
  public static Revision corrected(List<Version> history, Correction correction) {
    return new Revision(history.size(), history, Optional.of(correction), Optional.empty());
  }

  /** This correction with {@code changes} as what changed; a first version has none to show. */
  public Revision withChanges(List<Amendment> changes) {
    return new Revision(
        version,
        history,
        correction.map(c -> new Correction(c.correctedAt(), c.note(), changes)),
        supersededBy);
  }

  /** This version as an older one's page shows it once {@code next} has corrected it. */
  public Revision supersededBy(Successor next) {
    return new Revision(version, history, correction, Optional.of(next));
  }
}
