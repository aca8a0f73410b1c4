package org.certbulletin.ingest;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.model.Problem;
import org.certbulletin.model.Severity;
import org.certbulletin.model.WeekId;
import tools.jackson.databind.JsonNode;

/**
 * Checks a schema-valid week document for what a schema cannot say: real dates, parts that add up,
 * a file name that matches its week, severities that agree with their scores.
 */
final class WeekRules {

  private final SourceDocument document;
  private final List<Problem> problems = new ArrayList<>();

  private WeekRules(SourceDocument document) {
    this.document = document;
  }

  /**
   * Every rule broken by {@code document}, which should hold {@code expected} (from its file name).
   */
  static List<Problem> check(SourceDocument document, WeekId expected) {
    WeekRules rules = new WeekRules(document);
    rules.checkWeek(expected);
    rules.checkTallies();
    rules.checkAdvisories();
    return rules.problems;
  }

  private void checkWeek(WeekId expected) {
    JsonNode root = document.root();
    Optional<WeekId> week = Optional.empty();
    try {
      week = Optional.of(WeekId.parse(root.get("week").asString()));
    } catch (IllegalArgumentException e) {
      report("/week", e.getMessage());
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
    try {
      OffsetDateTime published = OffsetDateTime.parse(root.get("published").asString());
      week.filter(w -> published.toLocalDate().isBefore(w.start()))
          .ifPresent(
              w ->
                  report(
                      "/published",
                      published + " is before the week it reports on starts (" + w.start() + ")"));
    } catch (DateTimeException e) {
      report(
          "/published", "'" + root.get("published").asString() + "' is not a real date and time");
    }
  }

  private void checkTallies() {
    JsonNode tallies = document.root().get("tallies");
    tallies
        .properties()
        .forEach(
            entry -> {
              String base = "/tallies/" + entry.getKey();
              JsonNode tally = entry.getValue();
              long value = tally.get("value").longValue();
              JsonNode breakdown = tally.path("breakdown");
              if (!breakdown.isEmpty()) {
                long sum = 0;
                for (JsonNode part : breakdown) {
                  sum += part.longValue();
                }
                if (sum != value) {
                  report(
                      base + "/breakdown",
                      "parts add up to "
                          + sum
                          + " but the value is "
                          + value
                          + "; the breakdown must account for every case (use 'other' for the"
                          + " rest)");
                }
              }
              tally
                  .path("of_which")
                  .properties()
                  .forEach(
                      subset -> {
                        if (subset.getValue().longValue() > value) {
                          report(
                              base + "/of_which/" + subset.getKey(),
                              subset.getValue().longValue()
                                  + " is more than the value "
                                  + value
                                  + " it is part of");
                        }
                      });
            });
    JsonNode crossBorder = tallies.get("cross_border_incidents");
    long incidents = tallies.get("incidents").get("value").longValue();
    if (crossBorder != null && crossBorder.get("value").longValue() > incidents) {
      report(
          "/tallies/cross_border_incidents/value",
          crossBorder.get("value").longValue()
              + " cross-border incidents is more than the "
              + incidents
              + " incidents handled");
    }
  }

  private void checkAdvisories() {
    Map<String, Integer> seen = new HashMap<>();
    JsonNode advisories = document.root().path("advisories");
    for (int i = 0; i < advisories.size(); i++) {
      JsonNode advisory = advisories.get(i);
      String base = "/advisories/" + i;
      String id = advisory.get("id").asString();
      Integer first = seen.putIfAbsent(id, i);
      if (first != null) {
        report(
            base + "/id",
            "'" + id + "' is already used by /advisories/" + first + "; ids must be unique");
      }
      checkSeverity(advisory, base);
      JsonNode published = advisory.get("published");
      if (published != null) {
        try {
          LocalDate.parse(published.asString());
        } catch (DateTimeException e) {
          report(base + "/published", "'" + published.asString() + "' is not a real date");
        }
      }
    }
  }

  private void checkSeverity(JsonNode advisory, String base) {
    JsonNode cvss = advisory.get("cvss");
    if (cvss == null) {
      return;
    }
    BigDecimal score = cvss.get("score").decimalValue();
    Severity band = Severity.fromScore(score);
    JsonNode severity = advisory.get("severity");
    if (severity != null && Severity.fromCode(severity.asString()) != band) {
      report(
          base + "/severity",
          "says "
              + severity.asString()
              + " but the CVSS score "
              + score.toPlainString()
              + " means "
              + band.code()
              + "; correct it or leave severity out");
    }
    JsonNode vector = cvss.get("vector");
    String version = cvss.get("version").asString();
    if (vector != null && !vector.asString().startsWith("CVSS:" + version + "/")) {
      report(
          base + "/cvss/vector",
          "is a vector for another CVSS version than "
              + version
              + "; it should start with CVSS:"
              + version
              + "/");
    }
  }

  private void report(String pointer, String message) {
    problems.add(document.problem(pointer, message));
  }
}
