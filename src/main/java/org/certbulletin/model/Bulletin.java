package org.certbulletin.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Everything one edition of a bulletin is made from: the week (already cut to the edition's TLP),
 * the weeks before it for trends and changes, and the issuer's configuration.
 *
 * @param history earlier weeks present in the data, oldest first, at most seven, for trend charts
 * @param revision which version of the week this is, and what its correction changed; empty for a
 *     bulletin outside the review workflow, which shows no version
 * @param earlierVersion for a correction, the version of this week it corrects, in the same
 *     language: an edition for a lower clearance derives its changes from both weeks cut to it, so
 *     that no change names an item the edition leaves out
 */
public record Bulletin(
    Week week,
    Optional<Week> previous,
    List<Week> history,
    Config config,
    Optional<Revision> revision,
    Optional<Week> earlierVersion) {

  /** How many weeks a trend chart spans, this one included. */
  public static final int TREND_WEEKS = 8;

  public Bulletin {
    Objects.requireNonNull(week, "week == null");
    Objects.requireNonNull(previous, "previous == null");
    history = List.copyOf(history);
    Objects.requireNonNull(config, "config == null");
    Objects.requireNonNull(revision, "revision == null");
    Objects.requireNonNull(earlierVersion, "earlierVersion == null");
    if (history.size() >= TREND_WEEKS) {
      throw new IllegalArgumentException(
          "at most " + (TREND_WEEKS - 1) + " earlier weeks: " + history.size());
    }
    previous.ifPresent(
        p -> {
          if (!p.id().equals(week.id().previous())) {
            throw new IllegalArgumentException(
                "previous week of "
                    + week.id()
                    + " is "
                    + week.id().previous()
                    + ", not "
                    + p.id());
          }
        });
  }

  /** A bulletin with no version shown. */
  public Bulletin(Week week, Optional<Week> previous, List<Week> history, Config config) {
    this(week, previous, history, config, Optional.empty(), Optional.empty());
  }

  /** A bulletin shown as version {@code revision} of its week. */
  public Bulletin(
      Week week,
      Optional<Week> previous,
      List<Week> history,
      Config config,
      Optional<Revision> revision) {
    this(week, previous, history, config, revision, Optional.empty());
  }

  /** This bulletin as version {@code revision} of its week. */
  public Bulletin withRevision(Revision revision) {
    return new Bulletin(week, previous, history, config, Optional.of(revision), earlierVersion);
  }

  /**
   * This bulletin as a correction of {@code earlier}, the version before it: {@code revision}'s
   * changes are derived from the two weeks.
   */
  public Bulletin correcting(Week earlier, Revision revision) {
    return new Bulletin(
        week,
        previous,
        history,
        config,
        Optional.of(revision.withChanges(Amendments.between(earlier, week))),
        Optional.of(earlier));
  }

  /**
   * The edition for readers cleared up to {@code clearance}: the week cut to it, and the earlier
   * weeks marked above it left out, so their figures appear in no change and no trend chart.
   */
  public Bulletin editionFor(Tlp clearance) {
    Week cut = week.editionFor(clearance);
    Optional<Week> earlierCut = earlierVersion.map(w -> w.editionFor(clearance));
    return new Bulletin(
        cut,
        previous.filter(p -> clearance.permits(p.tlp())),
        history.stream().filter(w -> clearance.permits(w.tlp())).toList(),
        config,
        earlierCut.isEmpty()
            ? revision
            : revision.map(r -> r.withChanges(Amendments.between(earlierCut.get(), cut))),
        earlierCut);
  }

  /** Week-over-week change of a tally; empty if this week does not report it. */
  public Optional<Change> change(String tally) {
    return week.tally(tally)
        .map(
            t ->
                new Change(
                    t.value(),
                    previous
                        .flatMap(p -> p.tally(tally))
                        .map(pt -> OptionalLong.of(pt.value()))
                        .orElse(OptionalLong.empty())));
  }

  /** The weeks a trend chart covers: the history and this week, oldest first. */
  public List<Week> trendWeeks() {
    return Stream.concat(history.stream(), Stream.of(week)).toList();
  }
}
