package org.certbulletin.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One week of a CERT's data as the analysts entered it: the input of one bulletin. Mapped from and
 * to the week file by Jackson; every item carries its TLP (the reader fills in the week's where an
 * item has none), so a written week stands on its own.
 */
@JsonPropertyOrder({
  "week",
  "issue",
  "published",
  "tlp",
  "sample",
  "situation",
  "tallies",
  "highlights",
  "advisories",
  "partners",
  "notes"
})
public record Week(
    @JsonProperty("week") WeekId id,
    Issue issue,
    OffsetDateTime published,
    Tlp tlp,
    boolean sample,
    Optional<Situation> situation,
    Map<String, Tally> tallies,
    List<Highlight> highlights,
    List<Advisory> advisories,
    List<Partner> partners,
    List<String> notes) {

  public Week {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(issue, "issue == null");
    Objects.requireNonNull(published, "published == null");
    Objects.requireNonNull(tlp, "tlp == null");
    Objects.requireNonNull(situation, "situation == null");
    if (!tallies.containsKey(TallyCatalogue.INCIDENTS)) {
      throw new IllegalArgumentException("the incidents tally is required");
    }
    tallies = Collections.unmodifiableMap(ordered(tallies));
    highlights = List.copyOf(highlights);
    advisories = List.copyOf(advisories);
    partners = List.copyOf(partners);
    notes = List.copyOf(notes);
  }

  /** The tally called {@code key}, if this week reports it. */
  public Optional<Tally> tally(String key) {
    return Optional.ofNullable(tallies.get(key));
  }

  /** The built-in tallies in their order, then the others as given. */
  private static Map<String, Tally> ordered(Map<String, Tally> tallies) {
    Map<String, Tally> ordered = new LinkedHashMap<>();
    tallies.keySet().stream()
        .sorted(Comparator.comparingInt(TallyCatalogue::builtInRank))
        .forEach(key -> ordered.put(key, tallies.get(key)));
    return ordered;
  }

  /**
   * The edition of this week for readers cleared up to {@code clearance}: every highlight and
   * advisory marked above it is left out, and the edition is marked with the strictest label it
   * still carries (never less than the week's own).
   *
   * @throws IllegalArgumentException if the week itself is marked above {@code clearance}
   */
  public Week editionFor(Tlp clearance) {
    if (!clearance.permits(tlp)) {
      throw new IllegalArgumentException(
          "week "
              + id
              + " is marked "
              + tlp.label()
              + ", above the clearance "
              + clearance.label());
    }
    List<Highlight> keptHighlights =
        highlights.stream().filter(h -> clearance.permits(h.tlp())).toList();
    List<Advisory> keptAdvisories =
        advisories.stream().filter(a -> clearance.permits(a.tlp())).toList();
    Tlp marking =
        Stream.concat(
                keptHighlights.stream().map(Highlight::tlp),
                keptAdvisories.stream().map(Advisory::tlp))
            .reduce(tlp, Tlp::max);
    return new Week(
        id,
        issue,
        published,
        marking,
        sample,
        situation,
        tallies,
        keptHighlights,
        keptAdvisories,
        partners,
        notes);
  }
}
