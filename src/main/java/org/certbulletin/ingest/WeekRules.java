package org.certbulletin.ingest;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.model.Printable;
import org.certbulletin.model.Problem;
import org.certbulletin.model.Severity;
import org.certbulletin.model.TallyCatalogue;
import org.certbulletin.model.WeekId;
import tools.jackson.databind.JsonNode;

/**
 * Checks a week document for what a schema cannot say: real dates, parts that add up, a file name
 * that matches its week, severities that agree with their scores. Each rule reads only values the
 * schema accepted, so a file with schema problems still has every other rule checked.
 */
final class WeekRules {

  private final CheckedDocument document;
  private final List<Problem> problems = new ArrayList<>();

  private WeekRules(CheckedDocument document) {
    this.document = document;
  }

  /**
   * Every rule broken by {@code document}, which should hold {@code expected} (from its file name),
   * for a bulletin that carries the tallies of {@code catalogue}; without one (the configuration is
   * invalid, which is reported on its own) the tallies' keys and parts are not checked. Its texts
   * must be printable in the editions of {@code languages} they reach.
   */
  static List<Problem> check(
      CheckedDocument document,
      WeekId expected,
      Optional<TallyCatalogue> catalogue,
      List<Locale> languages) {
    WeekRules rules = new WeekRules(document);
    rules.checkWeek(expected);
    rules.problems.addAll(TallyRules.check(document, catalogue));
    rules.checkAdvisories();
    rules.problems.addAll(PrintableCheck.check(document, "", languages));
    return rules.problems;
  }

  private void checkWeek(WeekId expected) {
    Optional<WeekId> week = Optional.empty();
    Optional<JsonNode> named = document.at("/week");
    if (named.isPresent()) {
      try {
        week = Optional.of(WeekId.parse(named.get().asString()));
      } catch (IllegalArgumentException e) {
        report("/week", e.getMessage());
      }
    }
    week.filter(w -> !w.equals(expected))
        .ifPresent(
            w ->
                report(
                    "/week",
                    "says "
                        + w
                        + " but the file is named "
                        + expected
                        + ".json; rename the file or correct the week"));
    document
        .at("/release_at")
        .ifPresent(
            release -> {
              try {
                OffsetDateTime.parse(release.asString());
              } catch (DateTimeException e) {
                report(
                    "/release_at",
                    "'"
                        + release.asString()
                        + "' is not a real date and time; the week would have no release time");
              }
            });
    Optional<JsonNode> publishedNode = document.at("/published");
    if (publishedNode.isEmpty()) {
      return;
    }
    try {
      OffsetDateTime published = OffsetDateTime.parse(publishedNode.get().asString());
      week.filter(w -> !published.toLocalDate().isAfter(w.end()))
          .ifPresent(
              w ->
                  report(
                      "/published",
                      published
                          + " is before the week it reports on has ended (Sunday "
                          + w.end()
                          + "); a bulletin is published after its week, e.g. "
                          + w.end().plusDays(3)
                          + "T10:00:00"
                          + published.getOffset()));
    } catch (DateTimeException e) {
      report("/published", "'" + publishedNode.get().asString() + "' is not a real date and time");
    }
  }

  private void checkAdvisories() {
    Map<String, Integer> seen = new HashMap<>();
    JsonNode advisories = document.raw("/advisories");
    if (!advisories.isArray()) {
      return;
    }
    for (int i = 0; i < advisories.size(); i++) {
      String base = "/advisories/" + i;
      Optional<JsonNode> id = document.at(base + "/id");
      if (id.isPresent()) {
        Integer first = seen.putIfAbsent(id.get().asString(), i);
        if (first != null) {
          report(
              base + "/id",
              "'"
                  + id.get().asString()
                  + "' is already used by /advisories/"
                  + first
                  + "; ids must be unique");
        }
      }
      document.at(base + "/cvss").ifPresent(cvss -> checkSeverity(cvss, base));
      checkAdvisoryDate(base);
    }
  }

  /** The severity agrees with the highest score, and each score with its vector. */
  private void checkSeverity(JsonNode cvss, String base) {
    List<JsonNode> scores = new ArrayList<>();
    List<String> places = new ArrayList<>();
    if (cvss.isArray()) {
      for (int i = 0; i < cvss.size(); i++) {
        scores.add(cvss.get(i));
        places.add(base + "/cvss/" + i);
      }
    } else {
      scores.add(cvss);
      places.add(base + "/cvss");
    }
    BigDecimal score =
        scores.stream()
            .map(s -> s.get("score").decimalValue())
            .max(Comparator.naturalOrder())
            .orElseThrow();
    Severity band = Severity.fromScore(score);
    Optional<JsonNode> severity = document.at(base + "/severity");
    if (severity.isPresent() && Severity.fromCode(severity.get().asString()) != band) {
      report(
          base + "/severity",
          "says "
              + severity.get().asString()
              + " but the CVSS score "
              + score.toPlainString()
              + " means "
              + band.code()
              + "; correct it or leave severity out");
    }
    if (scores.size() == 2
        && scores.get(0).get("version").asString().charAt(0)
            == scores.get(1).get("version").asString().charAt(0)) {
      report(
          places.get(1) + "/version",
          "is a second CVSS "
              + scores.get(1).get("version").asString()
              + " score: give one per version, a 3.x and a 4.0 score");
    }
    for (int i = 0; i < scores.size(); i++) {
      checkVector(scores.get(i), places.get(i));
    }
  }

  private void checkVector(JsonNode cvss, String place) {
    BigDecimal score = cvss.get("score").decimalValue();
    JsonNode vector = cvss.get("vector");
    String version = cvss.get("version").asString();
    if (vector != null && !vector.asString().startsWith("CVSS:" + version + "/")) {
      report(
          place + "/vector",
          "is a vector for another CVSS version than "
              + version
              + "; it should start with CVSS:"
              + version
              + "/");
    } else if (vector != null && version.startsWith("3.")) {
      checkScoreAgainstVector(vector.asString(), score, place);
    } else if (vector != null && version.equals("4.0")) {
      checkScoreAgainstVector4(vector.asString(), score, place);
    }
  }

  /** The same for CVSS 4.0, scored as FIRST's reference calculator scores it. */
  private void checkScoreAgainstVector4(String vector, BigDecimal score, String base) {
    BigDecimal computed;
    try {
      computed = CvssVectors.compute(vector);
    } catch (IllegalArgumentException e) {
      report(
          base + "/vector",
          "'"
              + Printable.of(vector, 80)
              + "' is not a valid CVSS 4.0 vector: it "
              + e.getMessage()
              + "; copy it as the advisory gives it, e.g."
              + " CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
      return;
    }
    reportMismatch(score, computed, base);
  }

  /**
   * A CVSS 3.x score must be the one its vector computes (FIRST's formula, through
   * cvss-calculator): "Critical, CVSS 9.8" over a vector worth 1.8 would mislead every reader.
   */
  private void checkScoreAgainstVector(String vector, BigDecimal score, String base) {
    BigDecimal computed;
    try {
      computed = CvssVectors.compute(vector);
    } catch (IllegalArgumentException e) {
      report(
          base + "/vector",
          "'"
              + Printable.of(vector, 80)
              + "' is not a valid CVSS vector; copy it as the advisory gives it, e.g."
              + " CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
      return;
    }
    reportMismatch(score, computed, base);
  }

  private void reportMismatch(BigDecimal score, BigDecimal computed, String base) {
    if (computed.compareTo(score) != 0) {
      report(
          base + "/score",
          "is "
              + score.toPlainString()
              + " but the vector computes to "
              + computed.toPlainString()
              + "; correct the score or the vector (the advisory's source gives both)");
    }
  }

  /**
   * An advisory's date is a real date, and it cannot be after the bulletin that relays it is
   * published.
   */
  private void checkAdvisoryDate(String base) {
    Optional<JsonNode> date = document.at(base + "/published");
    if (date.isEmpty()) {
      return;
    }
    LocalDate advised;
    try {
      advised = LocalDate.parse(date.get().asString());
    } catch (DateTimeException e) {
      report(base + "/published", "'" + date.get().asString() + "' is not a real date");
      return;
    }
    try {
      Optional<JsonNode> published = document.at("/published");
      if (published.isEmpty()) {
        return;
      }
      LocalDate bulletin = OffsetDateTime.parse(published.get().asString()).toLocalDate();
      if (advised.isAfter(bulletin)) {
        report(
            base + "/published",
            advised
                + " is after the bulletin's own publication ("
                + bulletin
                + "); an advisory cannot come from the future: check the date");
      }
    } catch (DateTimeException e) {
      // the bulletin's date is reported where it is checked
    }
  }

  private void report(String pointer, String message) {
    problems.add(document.problem(pointer, message));
  }
}
