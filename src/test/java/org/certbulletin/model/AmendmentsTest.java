package org.certbulletin.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.certbulletin.model.Amendment.Kind;
import org.junit.jupiter.api.Test;

/** What changed between two versions of a week is derived from the two, item by item. */
class AmendmentsTest {

  private static final Week BASE =
      week(
          new Issue(2024, 51, OptionalInt.of(1179)),
          Map.of(
              TallyCatalogue.INCIDENTS,
              new Tally(146, ordered("phishing", 38L, "malware", 30L), Map.of()),
              "defaced_sites",
              new Tally(219, Map.of(), Map.of("government", 8L))),
          List.of(highlight("Trojan pushed to 270+ hosts", "narrative")),
          List.of(advisory("SNC-1", "9.8", false), advisory("SNC-2", "7.5", true)));

  @Test
  void identicalWeeksHaveNoChange() {
    Week same =
        week(BASE.issue(), BASE.tallies(), BASE.highlights(), List.copyOf(BASE.advisories()));
    assertThat(Amendments.between(BASE, same)).isEmpty();
  }

  @Test
  void aHeadlineFigureShowsItsOldAndNewValue() {
    Week corrected = withTallies(Map.of(TallyCatalogue.INCIDENTS, 148L));
    assertThat(Amendments.between(BASE, corrected))
        .containsExactly(
            new Amendment(
                Kind.TALLY,
                Optional.of(TallyCatalogue.INCIDENTS),
                Optional.empty(),
                Optional.of("146"),
                Optional.of("148")));
  }

  @Test
  void aBreakdownPartAndANamedSubsetShowTheirOldAndNewValues() {
    Map<String, Tally> tallies = new LinkedHashMap<>(BASE.tallies());
    tallies.put(
        TallyCatalogue.INCIDENTS,
        new Tally(146, ordered("phishing", 36L, "malware", 32L), Map.of()));
    tallies.put("defaced_sites", new Tally(219, Map.of(), Map.of("government", 9L)));
    List<Amendment> changes =
        Amendments.between(BASE, week(BASE.issue(), tallies, BASE.highlights(), BASE.advisories()));
    assertThat(changes)
        .extracting(Amendment::kind, a -> a.part().orElseThrow(), a -> a.before(), a -> a.after())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Kind.BREAKDOWN, "phishing", Optional.of("38"), Optional.of("36")),
            org.assertj.core.groups.Tuple.tuple(
                Kind.BREAKDOWN, "malware", Optional.of("30"), Optional.of("32")),
            org.assertj.core.groups.Tuple.tuple(
                Kind.OF_WHICH, "government", Optional.of("8"), Optional.of("9")));
  }

  @Test
  void aTallyAddedOrWithdrawnHasOnlyOneValue() {
    Map<String, Tally> tallies = new LinkedHashMap<>(BASE.tallies());
    tallies.remove("defaced_sites");
    tallies.put("phishing_pages", Tally.of(1168));
    List<Amendment> changes =
        Amendments.between(BASE, week(BASE.issue(), tallies, BASE.highlights(), BASE.advisories()));
    assertThat(changes)
        .extracting(a -> a.subject().orElseThrow(), Amendment::before, Amendment::after)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "phishing_pages", Optional.empty(), Optional.of("1168")),
            org.assertj.core.groups.Tuple.tuple(
                "defaced_sites", Optional.of("219"), Optional.empty()));
  }

  @Test
  void advisoriesAddedAndWithdrawnAreNamedByTheirIds() {
    Week corrected =
        week(
            BASE.issue(),
            BASE.tallies(),
            BASE.highlights(),
            List.of(advisory("SNC-1", "9.8", false), advisory("SNC-3", "5.0", false)));
    assertThat(Amendments.between(BASE, corrected))
        .extracting(Amendment::kind, a -> a.subject().orElseThrow())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.ADVISORY_REMOVED, "SNC-2"),
            org.assertj.core.groups.Tuple.tuple(Kind.ADVISORY_ADDED, "SNC-3"));
  }

  @Test
  void anAdvisorysSeverityScoreAndExploitationAreEachAChange() {
    Week corrected =
        week(
            BASE.issue(),
            BASE.tallies(),
            BASE.highlights(),
            List.of(advisory("SNC-1", "8.8", true), advisory("SNC-2", "7.5", true)));
    assertThat(Amendments.between(BASE, corrected))
        .containsExactly(
            new Amendment(
                Kind.ADVISORY_SEVERITY,
                Optional.of("SNC-1"),
                Optional.empty(),
                Optional.of("critical"),
                Optional.of("high")),
            new Amendment(
                Kind.ADVISORY_CVSS,
                Optional.of("SNC-1"),
                Optional.empty(),
                Optional.of("9.8"),
                Optional.of("8.8")),
            new Amendment(
                Kind.ADVISORY_EXPLOITED,
                Optional.of("SNC-1"),
                Optional.empty(),
                Optional.of("false"),
                Optional.of("true")));
  }

  @Test
  void anAdvisorysOtherTextIsADetailsChange() {
    Advisory retold =
        new Advisory(
            "SNC-2",
            "Title SNC-2",
            List.of("CVE-2024-0002"),
            "Vendor",
            "Product",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Severity.UNASSIGNED,
            List.of(new Cvss("3.1", new BigDecimal("7.5"), Optional.empty())),
            true,
            false,
            List.of(),
            Optional.empty(),
            "A corrected summary.",
            Optional.empty(),
            List.of(),
            Optional.of(LocalDate.parse("2024-12-18")),
            Tlp.CLEAR);
    Week corrected =
        week(
            BASE.issue(),
            BASE.tallies(),
            BASE.highlights(),
            List.of(advisory("SNC-1", "9.8", false), retold));
    assertThat(Amendments.between(BASE, corrected))
        .containsExactly(
            new Amendment(
                Kind.ADVISORY_DETAILS,
                Optional.of("SNC-2"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
  }

  @Test
  void highlightsAreAddedWithdrawnOrCorrectedByTitle() {
    Week corrected =
        week(
            BASE.issue(),
            BASE.tallies(),
            List.of(
                highlight("Trojan pushed to 270+ hosts", "a corrected narrative"),
                highlight("Exchange server taken", "narrative")),
            BASE.advisories());
    assertThat(Amendments.between(BASE, corrected))
        .extracting(Amendment::kind, a -> a.subject().orElseThrow())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Kind.HIGHLIGHT_CHANGED, "Trojan pushed to 270+ hosts"),
            org.assertj.core.groups.Tuple.tuple(Kind.HIGHLIGHT_ADDED, "Exchange server taken"));
    assertThat(Amendments.between(corrected, BASE))
        .extracting(Amendment::kind)
        .containsExactly(Kind.HIGHLIGHT_CHANGED, Kind.HIGHLIGHT_REMOVED);
  }

  @Test
  void theIssueAndThePublicationTimeAreChanges() {
    Week corrected =
        new Week(
            BASE.id(),
            new Issue(2024, 52, OptionalInt.of(1180)),
            OffsetDateTime.parse("2024-12-26T10:00:00+08:00"),
            BASE.tlp(),
            false,
            BASE.situation(),
            BASE.tallies(),
            BASE.highlights(),
            BASE.advisories(),
            BASE.partners(),
            BASE.notes());
    assertThat(Amendments.between(BASE, corrected))
        .containsExactly(
            Amendment.of(Kind.ISSUE, Optional.of("2024/51"), Optional.of("2024/52")),
            Amendment.of(Kind.ISSUE_TOTAL, Optional.of("1179"), Optional.of("1180")),
            Amendment.of(
                Kind.PUBLISHED,
                Optional.of("2024-12-25T10:00+08:00"),
                Optional.of("2024-12-26T10:00+08:00")));
  }

  @Test
  void changesComeInAStableOrderWeekThenFiguresThenHighlightsThenAdvisories() {
    Map<String, Tally> tallies = new LinkedHashMap<>(BASE.tallies());
    tallies.put(TallyCatalogue.INCIDENTS, Tally.of(150));
    Week corrected =
        new Week(
            BASE.id(),
            new Issue(2024, 52, OptionalInt.of(1179)),
            BASE.published(),
            BASE.tlp(),
            false,
            BASE.situation(),
            tallies,
            List.of(),
            List.of(advisory("SNC-1", "9.8", false)),
            BASE.partners(),
            List.of("A note."));
    List<Kind> kinds = Amendments.between(BASE, corrected).stream().map(Amendment::kind).toList();
    assertThat(kinds)
        .containsExactly(
            Kind.ISSUE,
            Kind.TALLY,
            Kind.BREAKDOWN,
            Kind.BREAKDOWN,
            Kind.HIGHLIGHT_REMOVED,
            Kind.ADVISORY_REMOVED,
            Kind.NOTES);
    assertThat(Amendments.between(BASE, corrected)).isEqualTo(Amendments.between(BASE, corrected));
  }

  @Test
  void aDifferenceNoReaderSeesItemisedIsStillAChange() {
    Week sample =
        new Week(
            BASE.id(),
            BASE.issue(),
            BASE.published(),
            BASE.tlp(),
            true,
            BASE.situation(),
            BASE.tallies(),
            BASE.highlights(),
            BASE.advisories(),
            BASE.partners(),
            BASE.notes());
    assertThat(Amendments.between(BASE, sample))
        .containsExactly(Amendment.of(Kind.OTHER, Optional.empty(), Optional.empty()));
  }

  @Test
  void refusesToCompareTwoDifferentWeeks() {
    Week other =
        new Week(
            WeekId.parse("2024-W50"),
            BASE.issue(),
            BASE.published(),
            BASE.tlp(),
            false,
            BASE.situation(),
            BASE.tallies(),
            BASE.highlights(),
            BASE.advisories(),
            BASE.partners(),
            BASE.notes());
    assertThatThrownBy(() -> Amendments.between(other, BASE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2024-W50 and 2024-W51");
  }

  private static Week withTallies(Map<String, Long> values) {
    Map<String, Tally> tallies = new LinkedHashMap<>(BASE.tallies());
    values.forEach(
        (key, value) -> {
          Tally old = Objects.requireNonNull(tallies.get(key), key);
          tallies.put(key, new Tally(value, old.breakdown(), old.ofWhich()));
        });
    return week(BASE.issue(), tallies, BASE.highlights(), BASE.advisories());
  }

  private static Week week(
      Issue issue,
      Map<String, Tally> tallies,
      List<Highlight> highlights,
      List<Advisory> advisories) {
    return new Week(
        WeekId.parse("2024-W51"),
        issue,
        OffsetDateTime.parse("2024-12-25T10:00:00+08:00"),
        Tlp.CLEAR,
        false,
        Optional.empty(),
        tallies,
        highlights,
        advisories,
        List.of(),
        List.of());
  }

  private static Highlight highlight(String title, String narrative) {
    return new Highlight(title, narrative, Optional.empty(), Optional.empty(), Tlp.CLEAR);
  }

  private static Advisory advisory(String id, String score, boolean exploited) {
    return new Advisory(
        id,
        "Title " + id,
        List.of("CVE-2024-000" + id.charAt(id.length() - 1)),
        "Vendor",
        "Product",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Severity.UNASSIGNED,
        List.of(new Cvss("3.1", new BigDecimal(score), Optional.empty())),
        exploited,
        false,
        List.of(),
        Optional.empty(),
        "Summary of " + id + ".",
        Optional.empty(),
        List.of(),
        Optional.of(LocalDate.parse("2024-12-18")),
        Tlp.CLEAR);
  }

  /** Parts in document order, as a week file gives them (Map.of's order changes between runs). */
  private static Map<String, Long> ordered(String first, long a, String second, long b) {
    Map<String, Long> parts = new LinkedHashMap<>();
    parts.put(first, a);
    parts.put(second, b);
    return parts;
  }
}
