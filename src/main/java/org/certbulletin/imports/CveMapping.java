package org.certbulletin.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.certbulletin.ingest.SourceDocument;
import org.certbulletin.model.Problem;
import tools.jackson.databind.JsonNode;

/**
 * Maps a CVE JSON 5 record to one advisory: the CNA's title, description, affected products and
 * versions, CVSS 3.x and 4.0 metrics (the CNA's, else an ADP's such as CISA's), solutions,
 * workarounds and references.
 */
final class CveMapping {

  private CveMapping() {}

  /** What keeps {@code record} from being imported, each with its place; empty if nothing. */
  static List<Problem> check(SourceDocument record) {
    JsonNode root = record.root();
    List<Problem> problems = new ArrayList<>();
    if (!"CVE_RECORD".equals(root.path("dataType").asString(""))) {
      problems.add(
          record.problem(
              "/dataType", "must be CVE_RECORD: this is not a CVE JSON 5 record (cve import)"));
      return problems;
    }
    String id = root.path("cveMetadata").path("cveId").asString("");
    if (!AdvisoryFields.isCve(id)) {
      problems.add(record.problem("/cveMetadata/cveId", "must be a CVE id like CVE-2024-12345"));
    }
    String state = root.path("cveMetadata").path("state").asString("");
    if (!"PUBLISHED".equals(state)) {
      problems.add(
          record.problem(
              "/cveMetadata/state",
              "is "
                  + state
                  + ": only PUBLISHED records are imported (a REJECTED id is not a"
                  + " vulnerability)"));
    }
    if (!root.path("containers").path("cna").isObject()) {
      problems.add(record.problem("/containers/cna", "is missing: the record has no CNA data"));
    }
    return problems;
  }

  /** The advisory of a checked record, its version ranges worded in each of {@code languages}. */
  static ImportedAdvisory advisory(JsonNode root, Provenance provenance, List<Locale> languages) {
    JsonNode metadata = root.path("cveMetadata");
    JsonNode cna = root.path("containers").path("cna");
    String id = metadata.path("cveId").asString();
    List<String> vendors = new ArrayList<>();
    List<String> products = new ArrayList<>();
    List<VersionRange> affected = new ArrayList<>();
    List<VersionRange> fixed = new ArrayList<>();
    List<String> cpes = new ArrayList<>();
    cna.findValues("criteria").forEach(criteria -> cpes.add(criteria.asString("")));
    for (JsonNode item : cna.path("affected")) {
      item.path("cpes").forEach(cpe -> cpes.add(cpe.asString("")));
      vendors.add(item.path("vendor").asString(""));
      products.add(item.path("product").asString(item.path("packageName").asString("")));
      for (JsonNode version : item.path("versions")) {
        versions(version, affected, fixed);
      }
    }
    List<AdvisoryFields.Score> scores = new ArrayList<>();
    Optional<String> textual = Optional.empty();
    List<JsonNode> containers = new ArrayList<>();
    containers.add(cna);
    root.path("containers").path("adp").forEach(containers::add);
    for (int i = 0; i < containers.size() && scores.isEmpty(); i++) {
      for (JsonNode metric : containers.get(i).path("metrics")) {
        for (String member : List.of("cvssV4_0", "cvssV3_1", "cvssV3_0")) {
          JsonNode cvss = metric.path(member);
          if (cvss.isObject() && cvss.path("baseScore").isNumber()) {
            scores.add(
                new AdvisoryFields.Score(
                    cvss.path("version").asString(),
                    cvss.path("baseScore").decimalValue(),
                    Optional.ofNullable(cvss.path("vectorString").asString(null))));
          }
        }
        String other = metric.path("other").path("content").path("text").asString("");
        if (textual.isEmpty() && !other.isEmpty()) {
          textual = AdvisoryFields.severity(other);
        }
      }
    }
    List<String> references = new ArrayList<>();
    for (JsonNode container : containers) {
      container.path("references").forEach(r -> references.add(r.path("url").asString("")));
    }
    String description = english(cna.path("descriptions"));
    AdvisoryFields fields =
        new AdvisoryFields()
            .put("id", id)
            .text(
                "title",
                cna.path("title").asString(Texts.concise(description, Texts.LINE_LENGTH)),
                Texts.LINE_LENGTH)
            .cves(List.of(id))
            .list("vendor", vendors, Texts.LINE_LENGTH)
            .list("product", products, Texts.LINE_LENGTH)
            .versions("versions", affected, languages, Texts.LINE_LENGTH)
            .versions("fixed_versions", fixed, languages, Texts.LINE_LENGTH)
            .putIfPresent("affected_object", CpeNames.affectedObject(cpes))
            .cvss(scores)
            .severityIfUnscored(textual)
            .text("summary", Texts.concise(description, Texts.SUMMARY_LENGTH), Texts.SUMMARY_LENGTH)
            .text("remediation", remediation(cna), Texts.SUMMARY_LENGTH)
            .references(references)
            .date(
                "published",
                AdvisoryFields.date(
                    metadata.path("datePublished").asString(cna.path("datePublic").asString(""))));
    var node = fields.build();
    if (!node.has("vendor")) {
      fields.put("vendor", metadata.path("assignerShortName").asString("unknown vendor"));
    }
    if (!node.has("product")) {
      fields.put("product", "unnamed product");
    }
    if (!node.has("summary")) {
      fields.put("summary", node.path("title").asString(id));
    }
    if (!node.has("title")) {
      fields.put("title", id);
    }
    return new ImportedAdvisory(fields.build(), provenance, fields.warnings());
  }

  /**
   * The affected ranges and fixed versions of one entry of a record's version list, walking its
   * {@code changes} from its own status: {@code 1.0.0 to before 1.0.6}, {@code 1.7.0 and earlier},
   * {@code 2.0 and later}; the start of each unaffected stretch after an affected one is a fixed
   * version.
   */
  private static void versions(
      JsonNode version, List<VersionRange> affected, List<VersionRange> fixed) {
    String start = version.path("version").asString("");
    boolean isAffected = "affected".equals(version.path("status").asString(""));
    String lessThan = version.path("lessThan").asString("");
    String through = version.path("lessThanOrEqual").asString("");
    if (lessThan.isEmpty() && through.isEmpty()) {
      (isAffected ? affected : fixed).add(VersionRange.named(start));
      return;
    }
    for (JsonNode change : version.path("changes")) {
      String at = change.path("at").asString("");
      boolean next = "affected".equals(change.path("status").asString(""));
      if (isAffected && !next) {
        affected.add(VersionRange.upTo(start, at, false));
        fixed.add(VersionRange.named(at));
      }
      if (isAffected != next) {
        start = at;
        isAffected = next;
      }
    }
    if (!isAffected) {
      return;
    }
    if (!through.isEmpty()) {
      affected.add(VersionRange.upTo(start, through, true));
    } else if (lessThan.contains("*")) {
      affected.add(VersionRange.from(start));
    } else {
      affected.add(VersionRange.upTo(start, lessThan, false));
      fixed.add(VersionRange.named(lessThan));
    }
  }

  private static String remediation(JsonNode cna) {
    List<String> parts = new ArrayList<>();
    String solution = english(cna.path("solutions"));
    if (!solution.isEmpty()) {
      parts.add(Texts.concise(solution, 300));
    }
    String workaround = english(cna.path("workarounds"));
    if (!workaround.isEmpty()) {
      parts.add("Workaround: " + Texts.concise(workaround, 240));
    }
    return String.join(" ", parts);
  }

  /** The English text of a list of {@code {lang, value}}, else the first. */
  private static String english(JsonNode texts) {
    String first = "";
    for (JsonNode text : texts) {
      String value = text.path("value").asString("");
      if (text.path("lang").asString("").toLowerCase(Locale.ROOT).startsWith("en")) {
        return value;
      }
      if (first.isEmpty()) {
        first = value;
      }
    }
    return first;
  }
}
