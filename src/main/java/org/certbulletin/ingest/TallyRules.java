package org.certbulletin.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.certbulletin.model.Printable;
import org.certbulletin.model.Problem;
import org.certbulletin.model.TallyCatalogue;
import org.certbulletin.model.TallyDefinition;
import tools.jackson.databind.JsonNode;

/**
 * Checks the tallies of a schema-valid week document: each is one the bulletin's catalogue has,
 * with the parts and subsets its definition names; parts add up to the value, subsets are at most
 * it, cross-border incidents at most the incidents.
 */
final class TallyRules {

  private final SourceDocument document;
  private final Optional<TallyCatalogue> catalogue;
  private final List<Problem> problems = new ArrayList<>();

  private TallyRules(SourceDocument document, Optional<TallyCatalogue> catalogue) {
    this.document = document;
    this.catalogue = catalogue;
  }

  /**
   * Every rule about tallies broken by {@code document}; without a catalogue (the configuration is
   * invalid, which is reported on its own) the keys and parts are not checked.
   */
  static List<Problem> check(SourceDocument document, Optional<TallyCatalogue> catalogue) {
    TallyRules rules = new TallyRules(document, catalogue);
    rules.check();
    return rules.problems;
  }

  private void check() {
    JsonNode tallies = document.root().get("tallies");
    tallies
        .properties()
        .forEach(
            entry -> {
              String base = "/tallies/" + entry.getKey();
              JsonNode tally = entry.getValue();
              Optional<TallyDefinition> definition = catalogue.flatMap(c -> c.find(entry.getKey()));
              if (catalogue.isPresent() && definition.isEmpty()) {
                report("/tallies/" + entry.getKey(), unknownTally(entry.getKey(), catalogue.get()));
                return;
              }
              definition.ifPresent(d -> checkPartKeys(d, tally, base));
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
                          + "; the breakdown must account for every case"
                          + (hasOther(definition) ? " (use 'other' for the rest)" : ""));
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

  /** A tally's parts and subsets are those its definition names. */
  private void checkPartKeys(TallyDefinition definition, JsonNode tally, String base) {
    checkPartKeys(
        definition, tally.path("breakdown"), definition.breakdown(), base + "/breakdown", "part");
    checkPartKeys(
        definition, tally.path("of_which"), definition.ofWhich(), base + "/of_which", "subset");
  }

  private void checkPartKeys(
      TallyDefinition definition,
      JsonNode given,
      List<TallyDefinition.Part> parts,
      String base,
      String what) {
    List<String> keys = parts.stream().map(TallyDefinition.Part::key).toList();
    for (String name : given.propertyNames()) {
      if (keys.contains(name)) {
        continue;
      }
      String hint =
          keys.isEmpty()
              ? definition.key()
                  + " has no "
                  + what
                  + "s; remove it, or declare them in config.json under tallies."
                  + definition.key()
              : SchemaMessages.closest(name, keys).map(c -> "did you mean '" + c + "'? ").orElse("")
                  + "the "
                  + what
                  + "s of "
                  + definition.key()
                  + " are "
                  + String.join(", ", keys)
                  + (definition.builtIn() ? "" : " (declared in config.json)");
      report(base + "/" + name, "unknown " + what + " '" + name + "'; " + hint);
    }
  }

  /** What to say of tally {@code key}, which {@code catalogue} does not have. */
  static String unknownTally(String key, TallyCatalogue catalogue) {
    return "unknown tally '"
        + Printable.of(key, 40)
        + "'; "
        + SchemaMessages.closest(key, catalogue.keys())
            .map(c -> "did you mean '" + c + "'? ")
            .orElse("")
        + "known tallies: "
        + String.join(", ", catalogue.keys())
        + "; a CERT's own tally is declared in config.json under \"tallies\" (see the README,"
        + " Data)";
  }

  private static boolean hasOther(Optional<TallyDefinition> definition) {
    return definition.map(d -> d.breakdownPart("other").isPresent()).orElse(true);
  }

  private void report(String pointer, String message) {
    problems.add(document.problem(pointer, message));
  }
}
