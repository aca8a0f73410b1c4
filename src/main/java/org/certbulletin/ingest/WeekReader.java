package org.certbulletin.ingest;

import static org.certbulletin.ingest.Nodes.flag;
import static org.certbulletin.ingest.Nodes.optionalText;
import static org.certbulletin.ingest.Nodes.text;
import static org.certbulletin.ingest.Nodes.texts;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.certbulletin.model.Advisory;
import org.certbulletin.model.Cvss;
import org.certbulletin.model.Highlight;
import org.certbulletin.model.Issue;
import org.certbulletin.model.Metric;
import org.certbulletin.model.Partner;
import org.certbulletin.model.PartnerType;
import org.certbulletin.model.Rating;
import org.certbulletin.model.Severity;
import org.certbulletin.model.Situation;
import org.certbulletin.model.Tally;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.Week;
import org.certbulletin.model.WeekId;
import tools.jackson.databind.JsonNode;

/** Maps a schema-valid week document to the model, filling in derived values and defaults. */
final class WeekReader {

  private WeekReader() {
  }

  static Week read(JsonNode root) {
    Tlp tlp = Tlp.fromCode(text(root, "tlp"));
    JsonNode issue = root.get("issue");
    return new Week(
        WeekId.parse(text(root, "week")),
        new Issue(issue.get("volume").intValue(), issue.get("number").intValue(),
            issue.has("total") ? OptionalInt.of(issue.get("total").intValue()) : OptionalInt.empty()),
        OffsetDateTime.parse(text(root, "published")),
        tlp,
        flag(root, "sample"),
        Optional.ofNullable(root.get("situation")).map(s -> new Situation(
            Rating.fromCode(text(s, "rating")), optionalText(s, "text"))),
        tallies(root.get("tallies")),
        list(root.path("highlights"), h -> highlight(h, tlp)),
        list(root.path("advisories"), a -> advisory(a, tlp)),
        list(root.path("partners"), WeekReader::partner),
        texts(root, "notes"));
  }

  private static Map<Metric, Tally> tallies(JsonNode node) {
    Map<Metric, Tally> tallies = new EnumMap<>(Metric.class);
    for (Metric metric : Metric.values()) {
      JsonNode tally = node.get(metric.key());
      if (tally != null) {
        tallies.put(metric, new Tally(tally.get("value").longValue(),
            counts(tally.path("breakdown")), counts(tally.path("of_which"))));
      }
    }
    return tallies;
  }

  private static Map<String, Long> counts(JsonNode node) {
    Map<String, Long> counts = new LinkedHashMap<>();
    node.properties().forEach(e -> counts.put(e.getKey(), e.getValue().longValue()));
    return counts;
  }

  private static Highlight highlight(JsonNode node, Tlp weekTlp) {
    return new Highlight(text(node, "title"), text(node, "narrative"),
        optionalText(node, "sector"), optionalText(node, "vector"), tlpOr(node, weekTlp));
  }

  private static Advisory advisory(JsonNode node, Tlp weekTlp) {
    Optional<Cvss> cvss = Optional.ofNullable(node.get("cvss")).map(c -> new Cvss(
        text(c, "version"), c.get("score").decimalValue().stripTrailingZeros().setScale(1), optionalText(c, "vector")));
    Severity severity = cvss.map(Cvss::severity)
        .orElseGet(() -> optionalText(node, "severity").map(Severity::fromCode).orElse(Severity.UNASSIGNED));
    return new Advisory(
        text(node, "id"),
        text(node, "title"),
        texts(node, "cves"),
        text(node, "vendor"),
        text(node, "product"),
        optionalText(node, "versions"),
        severity,
        cvss,
        flag(node, "exploited"),
        flag(node, "zero_day"),
        text(node, "summary"),
        optionalText(node, "remediation"),
        texts(node, "references"),
        optionalText(node, "published").map(LocalDate::parse),
        tlpOr(node, weekTlp));
  }

  private static Partner partner(JsonNode node) {
    JsonNode cases = node.get("cases");
    return new Partner(PartnerType.fromCode(text(node, "type")), text(node, "name"),
        cases == null ? OptionalLong.empty() : OptionalLong.of(cases.longValue()));
  }

  private static Tlp tlpOr(JsonNode node, Tlp fallback) {
    return optionalText(node, "tlp").map(Tlp::fromCode).orElse(fallback);
  }

  private static <T> List<T> list(JsonNode array, java.util.function.Function<JsonNode, T> mapper) {
    List<T> items = new ArrayList<>();
    array.forEach(n -> items.add(mapper.apply(n)));
    return items;
  }
}
