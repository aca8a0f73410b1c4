package org.certbulletin.ingest;

import static org.certbulletin.ingest.Nodes.optionalText;
import static org.certbulletin.ingest.Nodes.text;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.certbulletin.model.Config;
import org.certbulletin.model.Contact;
import org.certbulletin.model.Issuer;
import org.certbulletin.model.Metric;
import org.certbulletin.model.PageSize;
import tools.jackson.databind.JsonNode;

/** Checks the rules of a schema-valid {@code config.json} and maps it to the model. */
final class ConfigReader {

  private static final List<Metric> DEFAULT_TREND = List.of(Metric.INCIDENTS, Metric.CROSS_BORDER_INCIDENTS);

  private ConfigReader() {
  }

  static List<Problem> check(SourceDocument document) {
    List<Problem> problems = new ArrayList<>();
    String zone = document.root().get("issuer").get("time_zone").asString();
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      problems.add(document.problem("/issuer/time_zone",
          "'" + zone + "' is not a known time zone; use an IANA name such as Europe/Paris or Asia/Shanghai"));
    }
    return problems;
  }

  static Config read(JsonNode root) {
    JsonNode issuer = root.get("issuer");
    JsonNode contact = issuer.get("contact");
    List<Metric> trend = new ArrayList<>();
    root.path("charts").path("trend").forEach(n -> trend.add(Metric.fromKey(n.asString()).orElseThrow()));
    return new Config(
        new Issuer(
            text(issuer, "name"),
            text(issuer, "short_name"),
            optionalText(issuer, "title").orElse("Weekly Security Bulletin"),
            new Contact(text(contact, "email"), optionalText(contact, "phone"),
                optionalText(contact, "web"), optionalText(contact, "address")),
            optionalText(issuer, "logo"),
            ZoneId.of(text(issuer, "time_zone")),
            Locale.forLanguageTag(optionalText(issuer, "language").orElse("en"))),
        "Letter".equals(root.path("pdf").path("page_size").asString("A4")) ? PageSize.LETTER : PageSize.A4,
        trend.isEmpty() ? DEFAULT_TREND : trend);
  }
}
