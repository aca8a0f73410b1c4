package org.certbulletin.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.certbulletin.model.Amendment.Kind;

/**
 * What changed between two versions of a week's bulletin, derived from the two weeks (never typed
 * in): the headline figures and their parts, advisories and incident highlights added, removed or
 * changed, and the week's own fields. Two equal weeks give no change, and two that differ in
 * anything give at least one.
 */
public final class Amendments {

  private Amendments() {}

  /**
   * The changes from {@code before} to {@code after}, two versions of the same week cut to the same
   * edition: the issue and publication, the rating, the tallies in the week's order (each value,
   * then its breakdown, then its subsets), the highlights and advisories in the older version's
   * order with those added after them, then partners and notes.
   *
   * @throws IllegalArgumentException if the two are not the same week
   */
  public static List<Amendment> between(Week before, Week after) {
    Objects.requireNonNull(before, "before == null");
    Objects.requireNonNull(after, "after == null");
    if (!before.id().equals(after.id())) {
      throw new IllegalArgumentException(
          "a correction compares two versions of one week, not "
              + before.id()
              + " and "
              + after.id());
    }
    List<Amendment> changes = new ArrayList<>();
    issue(before.issue(), after.issue(), changes);
    if (!before.published().equals(after.published())) {
      changes.add(
          Amendment.of(
              Kind.PUBLISHED,
              Optional.of(before.published().toString()),
              Optional.of(after.published().toString())));
    }
    if (before.tlp() != after.tlp()) {
      changes.add(
          Amendment.of(
              Kind.TLP, Optional.of(before.tlp().code()), Optional.of(after.tlp().code())));
    }
    situation(before.situation(), after.situation(), changes);
    tallies(before, after, changes);
    highlights(before.highlights(), after.highlights(), changes);
    advisories(before.advisories(), after.advisories(), changes);
    if (!before.partners().equals(after.partners())) {
      changes.add(Amendment.of(Kind.PARTNERS, Optional.empty(), Optional.empty()));
    }
    if (!before.notes().equals(after.notes())) {
      changes.add(Amendment.of(Kind.NOTES, Optional.empty(), Optional.empty()));
    }
    if (changes.isEmpty() && !before.equals(after)) {
      // what no reader sees itemised (the sample flag): still a change, so it is never refused
      changes.add(Amendment.of(Kind.OTHER, Optional.empty(), Optional.empty()));
    }
    return List.copyOf(changes);
  }

  private static void issue(Issue before, Issue after, List<Amendment> changes) {
    if (before.volume() != after.volume() || before.number() != after.number()) {
      changes.add(
          Amendment.of(
              Kind.ISSUE,
              Optional.of(before.volume() + "/" + before.number()),
              Optional.of(after.volume() + "/" + after.number())));
    }
    if (!before.total().equals(after.total())) {
      changes.add(
          Amendment.of(
              Kind.ISSUE_TOTAL,
              before.total().isPresent()
                  ? Optional.of(String.valueOf(before.total().getAsInt()))
                  : Optional.empty(),
              after.total().isPresent()
                  ? Optional.of(String.valueOf(after.total().getAsInt()))
                  : Optional.empty()));
    }
  }

  private static void situation(
      Optional<Situation> before, Optional<Situation> after, List<Amendment> changes) {
    Optional<String> oldRating = before.map(s -> s.rating().code());
    Optional<String> newRating = after.map(s -> s.rating().code());
    if (!oldRating.equals(newRating)) {
      changes.add(Amendment.of(Kind.SITUATION, oldRating, newRating));
    } else if (!before.flatMap(Situation::text).equals(after.flatMap(Situation::text))) {
      changes.add(Amendment.of(Kind.SITUATION_TEXT, Optional.empty(), Optional.empty()));
    }
  }

  /** Each tally of either week, the newer week's first, in its order. */
  private static void tallies(Week before, Week after, List<Amendment> changes) {
    Set<String> keys = new LinkedHashSet<>(after.tallies().keySet());
    keys.addAll(before.tallies().keySet());
    for (String key : keys) {
      Optional<Tally> old = before.tally(key);
      Optional<Tally> now = after.tally(key);
      Optional<String> oldValue = old.map(t -> String.valueOf(t.value()));
      Optional<String> newValue = now.map(t -> String.valueOf(t.value()));
      if (!oldValue.equals(newValue)) {
        changes.add(
            new Amendment(Kind.TALLY, Optional.of(key), Optional.empty(), oldValue, newValue));
      }
      parts(Kind.BREAKDOWN, key, old, now, Tally::breakdown, changes);
      parts(Kind.OF_WHICH, key, old, now, Tally::ofWhich, changes);
    }
  }

  private static void parts(
      Kind kind,
      String key,
      Optional<Tally> before,
      Optional<Tally> after,
      Function<Tally, Map<String, Long>> partsOf,
      List<Amendment> changes) {
    Map<String, Long> old = before.map(partsOf).orElse(Map.of());
    Map<String, Long> now = after.map(partsOf).orElse(Map.of());
    Set<String> parts = new LinkedHashSet<>(old.keySet());
    parts.addAll(now.keySet());
    for (String part : parts) {
      Optional<String> oldValue = Optional.ofNullable(old.get(part)).map(String::valueOf);
      Optional<String> newValue = Optional.ofNullable(now.get(part)).map(String::valueOf);
      if (!oldValue.equals(newValue)) {
        changes.add(new Amendment(kind, Optional.of(key), Optional.of(part), oldValue, newValue));
      }
    }
  }

  /** Highlights are matched by title: a retitled highlight is one removed and one added. */
  private static void highlights(
      List<Highlight> before, List<Highlight> after, List<Amendment> changes) {
    List<Highlight> unmatched = new ArrayList<>(after);
    for (Highlight old : before) {
      Optional<Highlight> now =
          unmatched.stream().filter(h -> h.title().equals(old.title())).findFirst();
      if (now.isEmpty()) {
        changes.add(Amendment.of(Kind.HIGHLIGHT_REMOVED, old.title()));
      } else {
        unmatched.remove(now.get());
        if (!now.get().equals(old)) {
          changes.add(Amendment.of(Kind.HIGHLIGHT_CHANGED, old.title()));
        }
      }
    }
    unmatched.forEach(h -> changes.add(Amendment.of(Kind.HIGHLIGHT_ADDED, h.title())));
  }

  /** Advisories are matched by id. */
  private static void advisories(
      List<Advisory> before, List<Advisory> after, List<Amendment> changes) {
    List<Advisory> unmatched = new ArrayList<>(after);
    for (Advisory old : before) {
      Optional<Advisory> now = unmatched.stream().filter(a -> a.id().equals(old.id())).findFirst();
      if (now.isEmpty()) {
        changes.add(
            new Amendment(
                Kind.ADVISORY_REMOVED,
                Optional.of(old.id()),
                Optional.empty(),
                Optional.of(old.severity().code()),
                Optional.empty()));
      } else {
        unmatched.remove(now.get());
        advisory(old, now.get(), changes);
      }
    }
    unmatched.forEach(
        a ->
            changes.add(
                new Amendment(
                    Kind.ADVISORY_ADDED,
                    Optional.of(a.id()),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(a.severity().code()))));
  }

  private static void advisory(Advisory before, Advisory after, List<Amendment> changes) {
    if (before.equals(after)) {
      return;
    }
    Optional<String> id = Optional.of(before.id());
    if (before.severity() != after.severity()) {
      changes.add(
          new Amendment(
              Kind.ADVISORY_SEVERITY,
              id,
              Optional.empty(),
              Optional.of(before.severity().code()),
              Optional.of(after.severity().code())));
    }
    Optional<String> oldScore = topScore(before);
    Optional<String> newScore = topScore(after);
    if (!oldScore.equals(newScore)) {
      changes.add(new Amendment(Kind.ADVISORY_CVSS, id, Optional.empty(), oldScore, newScore));
    }
    if (before.exploited() != after.exploited()) {
      changes.add(
          new Amendment(
              Kind.ADVISORY_EXPLOITED,
              id,
              Optional.empty(),
              Optional.of(String.valueOf(before.exploited())),
              Optional.of(String.valueOf(after.exploited()))));
    }
    if (!sameDetails(before, after, oldScore.equals(newScore))) {
      changes.add(Amendment.of(Kind.ADVISORY_DETAILS, before.id()));
    }
  }

  private static Optional<String> topScore(Advisory advisory) {
    return advisory.topScore().map(Cvss::score).map(BigDecimal::toPlainString);
  }

  /**
   * Whether two versions of an advisory agree in all but what has its own change (severity, top
   * score, exploited); the other scores and the vectors count when the top score is the same.
   */
  private static boolean sameDetails(Advisory a, Advisory b, boolean sameTopScore) {
    return a.title().equals(b.title())
        && a.cves().equals(b.cves())
        && a.vendor().equals(b.vendor())
        && a.product().equals(b.product())
        && a.versions().equals(b.versions())
        && a.fixedVersions().equals(b.fixedVersions())
        && a.affectedObject().equals(b.affectedObject())
        && (!sameTopScore || a.cvss().equals(b.cvss()))
        && a.zeroDay() == b.zeroDay()
        && a.kev().equals(b.kev())
        && a.epss().equals(b.epss())
        && a.summary().equals(b.summary())
        && a.remediation().equals(b.remediation())
        && a.references().equals(b.references())
        && a.published().equals(b.published())
        && a.tlp() == b.tlp();
  }
}
