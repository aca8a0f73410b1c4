package org.certbulletin.ingest;

import java.nio.charset.StandardCharsets;
import org.certbulletin.model.Advisory;
import org.certbulletin.model.Highlight;
import org.certbulletin.model.Partner;
import org.certbulletin.model.Tally;
import org.certbulletin.model.Week;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a week in the normalised form of the week schema: every default filled in (each item's
 * TLP, each advisory's severity), so the file stands on its own and reads back to the same week.
 */
public final class WeekWriter {

  private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private WeekWriter() {
  }

  /** The week as UTF-8 JSON, ending with a newline. */
  public static byte[] write(Week week) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("week", week.id().toString());
    ObjectNode issue = root.putObject("issue");
    issue.put("volume", week.issue().volume());
    issue.put("number", week.issue().number());
    week.issue().total().ifPresent(total -> issue.put("total", total));
    root.put("published", week.published().toString());
    root.put("tlp", week.tlp().code());
    root.put("sample", week.sample());
    week.situation().ifPresent(s -> {
      ObjectNode situation = root.putObject("situation");
      situation.put("rating", s.rating().code());
      s.text().ifPresent(t -> situation.put("text", t));
    });
    ObjectNode tallies = root.putObject("tallies");
    week.tallies().forEach((metric, tally) -> tally(tallies.putObject(metric.key()), tally));
    ArrayNode highlights = root.putArray("highlights");
    week.highlights().forEach(h -> highlight(highlights.addObject(), h));
    ArrayNode advisories = root.putArray("advisories");
    week.advisories().forEach(a -> advisory(advisories.addObject(), a));
    ArrayNode partners = root.putArray("partners");
    week.partners().forEach(p -> partner(partners.addObject(), p));
    ArrayNode notes = root.putArray("notes");
    week.notes().forEach(notes::add);
    return (MAPPER.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static void tally(ObjectNode node, Tally tally) {
    node.put("value", tally.value());
    if (!tally.breakdown().isEmpty()) {
      ObjectNode breakdown = node.putObject("breakdown");
      tally.breakdown().forEach(breakdown::put);
    }
    if (!tally.ofWhich().isEmpty()) {
      ObjectNode ofWhich = node.putObject("of_which");
      tally.ofWhich().forEach(ofWhich::put);
    }
  }

  private static void highlight(ObjectNode node, Highlight highlight) {
    node.put("title", highlight.title());
    node.put("narrative", highlight.narrative());
    highlight.sector().ifPresent(s -> node.put("sector", s));
    highlight.vector().ifPresent(v -> node.put("vector", v));
    node.put("tlp", highlight.tlp().code());
  }

  private static void advisory(ObjectNode node, Advisory advisory) {
    node.put("id", advisory.id());
    node.put("title", advisory.title());
    ArrayNode cves = node.putArray("cves");
    advisory.cves().forEach(cves::add);
    node.put("vendor", advisory.vendor());
    node.put("product", advisory.product());
    advisory.versions().ifPresent(v -> node.put("versions", v));
    if (advisory.severity() != org.certbulletin.model.Severity.UNASSIGNED
        && advisory.severity() != org.certbulletin.model.Severity.NONE) {
      node.put("severity", advisory.severity().code());
    }
    advisory.cvss().ifPresent(c -> {
      ObjectNode cvss = node.putObject("cvss");
      cvss.put("version", c.version());
      cvss.put("score", c.score());
      c.vector().ifPresent(v -> cvss.put("vector", v));
    });
    node.put("exploited", advisory.exploited());
    node.put("zero_day", advisory.zeroDay());
    node.put("summary", advisory.summary());
    advisory.remediation().ifPresent(r -> node.put("remediation", r));
    ArrayNode references = node.putArray("references");
    advisory.references().forEach(references::add);
    advisory.published().ifPresent(p -> node.put("published", p.toString()));
    node.put("tlp", advisory.tlp().code());
  }

  private static void partner(ObjectNode node, Partner partner) {
    node.put("type", partner.type().code());
    node.put("name", partner.name());
    partner.cases().ifPresent(c -> node.put("cases", c));
  }
}
