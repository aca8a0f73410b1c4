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
 * Checks the tallies of a week document: each is one the bulletin's catalogue has, with the parts
 * and subsets its definition names; parts add up to the value, subsets are at most it, cross-border
 * incidents at most the incidents. A tally the schema did not accept whole is left to its report.
 */
final class TallyRules {

  private final CheckedDocument document;
  private final Optional<TallyCatalogue> catalogue;
  private final List<Problem> problems = new ArrayList<>();

  private TallyRules(CheckedDocument document, Optional<TallyCatalogue> catalogue) {
    this.document = document;
    this.catalogue = catalogue;
  }

  /**
   * Every rule about tallies broken by {@code document}; without a catalogue (the configuration is
   * invalid, which is reported on its own) the keys and parts are not checked.
   */
  static List<Problem> check(CheckedDocument document, Optional<TallyCatalogue> catalogue) {
    TallyRules rules = new TallyRules(document, catalogue);
    rules.check();
    return rules.problems;
  }

  private void check() {
    JsonNode tallies = document.raw("/tallies");
    if (!tallies.isObject()) {
      return;
    }
    for (String key : tallies.propertyNames()) {
      String base = "/tallies/" + key.replace("~", "~0").replace("/", "~1");
      if (catalogue.isPresent() && catalogue.get().find(key).isEmpty()) {
        if (!document.rejectedAround(base)) {
          report(base, unknownTally(key, catalogue.get()));
        }
        continue;
      }
      document.at(base).ifPresent(tally -> check(key, base, tally));
    }
    Optional<JsonNode> crossBorder = document.at("/tallies/cross_border_incidents");
    Optional<JsonNode> incidents = document.at("/tallies/incidents");
    if (crossBorder.isPresent()
        && incidents.isPresent()
        && crossBorder.get().get("value").longValue() > incidents.get().get("value").longValue()) {
      report(
          "/tallies/cross_border_incidents/value",
          crossBorder.get().get("value").longValue()
              + " cross-border incidents is more than the "
              + incidents.get().get("value").longValue()
              + " incidents handled");
    }
    checkSameVulnerabilities();
    checkAffectedObjects();
  }

  /** An advisory's affected object is one of the parts of the vulnerabilities by object. */
  private void checkAffectedObjects() {
    if (catalogue.isEmpty()) {
      return;
    }
    TallyDefinition objects =
        catalogue.get().find(TallyCatalogue.VULNERABILITIES_BY_OBJECT).orElseThrow();
    List<String> keys = objects.breakdown().stream().map(TallyDefinition.Part::key).toList();
    JsonNode advisories = document.raw("/advisories");
    for (int i = 0; i < advisories.size(); i++) {
      String pointer = "/advisories/" + i + "/affected_object";
      Optional<JsonNode> object = document.at(pointer);
      if (object.isPresent() && !keys.contains(object.get().asString())) {
        String name = object.get().asString();
        report(
            pointer,
            "unknown affected object '"
                + Printable.of(name, 40)
                + "'; "
                + SchemaMessages.closest(name, keys)
                    .map(c -> "did you mean '" + c + "'? ")
                    .orElse("")
                + "the objects are the parts of vulnerabilities_by_object: "
                + String.join(", ", keys)
                + " (config.json may add others under tallies.vulnerabilities_by_object)");
      }
    }
  }

  /**
   * The vulnerabilities by affected object are the week's vulnerabilities counted another way: as
   * many as the vulnerabilities tally says.
   */
  private void checkSameVulnerabilities() {
    Optional<JsonNode> byObject = document.at("/tallies/vulnerabilities_by_object");
    Optional<JsonNode> all = document.at("/tallies/vulnerabilities");
    if (byObject.isEmpty()) {
      return;
    }
    if (all.isEmpty()) {
      if (!document.raw("/tallies/vulnerabilities").isMissingNode()) {
        return;
      }
      report(
          "/tallies/vulnerabilities_by_object",
          "counts vulnerabilities by affected object, but the week has no vulnerabilities tally;"
              + " add tallies.vulnerabilities with the same value");
      return;
    }
    long objects = byObject.get().get("value").longValue();
    long vulnerabilities = all.get().get("value").longValue();
    if (objects != vulnerabilities) {
      report(
          "/tallies/vulnerabilities_by_object/value",
          objects
              + " vulnerabilities by affected object, but the vulnerabilities tally says "
              + vulnerabilities
              + "; both count the week's vulnerabilities, so they must be equal");
    }
  }

  /** The rules of a tally the catalogue has (or any, without one), accepted whole by the schema. */
  private void check(String key, String base, JsonNode tally) {
    Optional<TallyDefinition> definition = catalogue.flatMap(c -> c.find(key));
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
        + "; a CERT's own tally is declared in config.json under \"tallies\" (see"
        + " docs/analyst-guide.md, \"The CERT's own tallies\")";
  }

  private static boolean hasOther(Optional<TallyDefinition> definition) {
    return definition.map(d -> d.breakdownPart("other").isPresent()).orElse(true);
  }

  private void report(String pointer, String message) {
    problems.add(document.problem(pointer, message));
  }
}
