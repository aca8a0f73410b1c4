package org.certbulletin.render;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.model.Amendments;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Revision;
import org.certbulletin.model.Tally;
import org.certbulletin.model.TallyCatalogue;
import org.certbulletin.model.Week;

/**
 * A fabricated correction of the sample's 2024-W51: version 1 said 140 incidents (32 of them
 * phishing) and had no advisory for Apache NimBLE; version 2, the sample as it is, corrects both.
 */
final class Corrections {

  static final Instant FIRST_PUBLISHED = Instant.parse("2024-12-25T02:00:00Z");

  /** 27 December 2024, 14:30 in Beijing. */
  static final Instant CORRECTED = Instant.parse("2024-12-27T06:30:00Z");

  static final String NIMBLE = "SNC-2024-0514";

  private Corrections() {}

  /** The sample's week as its first version said it. */
  static Week firstVersion(Week current) {
    Map<String, Tally> tallies = new LinkedHashMap<>(current.tallies());
    Tally incidents = tallies.get(TallyCatalogue.INCIDENTS);
    Map<String, Long> breakdown = new LinkedHashMap<>(incidents.breakdown());
    breakdown.put("phishing", 32L);
    tallies.put(TallyCatalogue.INCIDENTS, new Tally(140, breakdown, incidents.ofWhich()));
    return new Week(
        current.id(),
        current.issue(),
        current.published(),
        current.tlp(),
        current.sample(),
        current.situation(),
        tallies,
        current.highlights(),
        current.advisories().stream().filter(a -> !a.id().equals(NIMBLE)).toList(),
        current.partners(),
        current.notes());
  }

  private static List<Revision.Version> history() {
    return List.of(
        new Revision.Version(1, FIRST_PUBLISHED, Optional.of("Li Wei")),
        new Revision.Version(2, CORRECTED, Optional.of("Ana Silva")));
  }

  /** {@code current} (the sample's bulletin) as version 2, correcting version 1. */
  static Bulletin corrected(Bulletin current, String note) {
    Week week = current.week();
    return current.withRevision(
        Revision.corrected(
            history(),
            new Revision.Correction(
                CORRECTED, Optional.of(note), Amendments.between(firstVersion(week), week))));
  }

  /** Version 1, kept in the archive once version 2 corrected it. */
  static Bulletin superseded(Bulletin current) {
    Bulletin first =
        new Bulletin(
            firstVersion(current.week()), current.previous(), current.history(), current.config());
    return first.withRevision(
        new Revision(1, history(), Optional.empty(), Optional.empty())
            .supersededBy(new Revision.Successor(2, CORRECTED)));
  }
}
