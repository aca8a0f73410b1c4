package org.certbulletin.ingest;

import static org.certbulletin.ingest.Nodes.optionalText;
import static org.certbulletin.ingest.Nodes.text;

import java.net.URI;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.certbulletin.model.Config;
import org.certbulletin.model.Contact;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.DkimSettings;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.Issuer;
import org.certbulletin.model.Metric;
import org.certbulletin.model.PageSize;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.model.SiteSettings;
import org.certbulletin.model.SmtpSettings;
import org.certbulletin.model.StateSettings;
import org.quartz.CronExpression;
import tools.jackson.databind.JsonNode;

/** Checks the rules of a schema-valid {@code config.json} and maps it to the model. */
final class ConfigReader {

  private static final List<Metric> DEFAULT_TREND = List.of(Metric.INCIDENTS, Metric.CROSS_BORDER_INCIDENTS);

  private ConfigReader() {
  }

  static List<Problem> check(SourceDocument document) {
    List<Problem> problems = new ArrayList<>();
    checkZone(document, "/issuer/time_zone", problems);
    checkLists(document, problems);
    JsonNode schedule = document.root().get("schedule");
    if (schedule != null) {
      checkZone(document, "/schedule/time_zone", problems);
      String cron = schedule.get("cron").asString();
      try {
        CronExpression.validateExpression(cron);
        checkGaps(document, cron, problems);
      } catch (ParseException e) {
        problems.add(document.problem("/schedule/cron", "'" + cron + "' is not a valid Quartz cron expression ("
            + e.getMessage() + "); it has six or seven fields, seconds first, e.g. 0 0 10 ? * WED"));
      }
      for (String field : new String[] {"retry_every", "give_up_after", "deadline", "shutdown_grace"}) {
        JsonNode value = schedule.get(field);
        if (value != null && Duration.parse(value.asString()).isZero()) {
          problems.add(document.problem("/schedule/" + field, "must be longer than zero"));
        }
      }
    }
    return problems;
  }

  private static void checkLists(SourceDocument document, List<Problem> problems) {
    java.util.Set<String> names = new java.util.HashSet<>();
    JsonNode lists = document.root().path("lists");
    for (int i = 0; i < lists.size(); i++) {
      String name = lists.get(i).get("name").asString();
      if (!names.add(name)) {
        problems.add(document.problem("/lists/" + i + "/name", "'" + name + "' is used by another list; names must be unique"));
      }
    }
  }

  private static void checkGaps(SourceDocument document, String cron, List<Problem> problems) {
    JsonNode zoneNode = document.root().at("/schedule/time_zone");
    String zoneName = zoneNode.isMissingNode() ? document.root().at("/issuer/time_zone").asString() : zoneNode.asString();
    ZoneId zone;
    try {
      zone = ZoneId.of(zoneName);
    } catch (DateTimeException e) {
      return;
    }
    DaylightSavingGaps.firstLostFiring(cron, zone, java.time.Instant.now(), 2).ifPresent(gap ->
        problems.add(document.problem("/schedule/cron", "'" + cron + "' fires at a local time that does not exist on "
            + gap.getDateTimeBefore().toLocalDate() + " in " + zone + " (clocks skip from "
            + gap.getDateTimeBefore().toLocalTime() + " to " + gap.getDateTimeAfter().toLocalTime()
            + "), so that firing would be lost; choose a time outside that hour")));
  }

  private static void checkZone(SourceDocument document, String pointer, List<Problem> problems) {
    JsonNode node = document.root().at(pointer);
    if (node.isMissingNode()) {
      return;
    }
    try {
      ZoneId.of(node.asString());
    } catch (DateTimeException e) {
      problems.add(document.problem(pointer, "'" + node.asString()
          + "' is not a known time zone; use an IANA name such as Europe/Paris or Asia/Shanghai"));
    }
  }

  static Config read(JsonNode root) {
    JsonNode issuer = root.get("issuer");
    JsonNode contact = issuer.get("contact");
    List<Metric> trend = new ArrayList<>();
    root.path("charts").path("trend").forEach(n -> trend.add(Metric.fromKey(n.asString()).orElseThrow()));
    Issuer issuerSettings = new Issuer(
            text(issuer, "name"),
            text(issuer, "short_name"),
            optionalText(issuer, "title").orElse("Weekly Security Bulletin"),
            new Contact(text(contact, "email"), optionalText(contact, "phone"),
                optionalText(contact, "web"), optionalText(contact, "address")),
            optionalText(issuer, "logo"),
            ZoneId.of(text(issuer, "time_zone")),
            Locale.forLanguageTag(optionalText(issuer, "language").orElse("en")));
    return new Config(
        issuerSettings,
        "Letter".equals(root.path("pdf").path("page_size").asString("A4")) ? PageSize.LETTER : PageSize.A4,
        trend.isEmpty() ? DEFAULT_TREND : trend,
        site(root.path("site")),
        Optional.ofNullable(root.get("schedule")).map(s -> schedule(s, issuerSettings.zone())),
        new StateSettings(optionalText(root.path("state"), "jdbc_url"), root.path("state").path("cluster").asBoolean(false)),
        Optional.ofNullable(root.get("smtp")).map(ConfigReader::smtp),
        Nodes.texts(root, "operators"),
        lists(root.path("lists")),
        Optional.ofNullable(root.get("dkim")).map(d -> new DkimSettings(text(d, "domain"), text(d, "selector"))));
  }

  private static List<DistributionList> lists(JsonNode lists) {
    List<DistributionList> result = new ArrayList<>();
    for (JsonNode list : lists) {
      JsonNode unsubscribe = list.get("unsubscribe");
      result.add(new DistributionList(
          text(list, "name"),
          optionalText(list, "description").orElse(text(list, "name")),
          Nodes.texts(list, "recipients"),
          optionalText(list, "recipients_file"),
          Tlp.fromCode(text(list, "clearance")),
          optionalText(list, "language").map(Locale::forLanguageTag),
          "text".equals(list.path("format").asString("html")) ? DistributionList.Format.TEXT : DistributionList.Format.HTML,
          unsubscribe == null ? Optional.empty()
              : Optional.of(new DistributionList.Unsubscribe(text(unsubscribe, "url"), text(unsubscribe, "mailto")))));
    }
    return result;
  }

  private static SiteSettings site(JsonNode site) {
    return new SiteSettings(optionalText(site, "base_url").map(URI::create),
        site.path("feed_entries").asInt(SiteSettings.DEFAULT_FEED_ENTRIES));
  }

  private static ScheduleSettings schedule(JsonNode schedule, ZoneId issuerZone) {
    return new ScheduleSettings(
        text(schedule, "cron"),
        optionalText(schedule, "time_zone").map(ZoneId::of).orElse(issuerZone),
        !"skip".equals(schedule.path("misfire").asString("fire_once")),
        duration(schedule, "retry_every", Duration.ofHours(1)),
        duration(schedule, "give_up_after", Duration.ofDays(2)),
        duration(schedule, "deadline", Duration.ofHours(2)),
        duration(schedule, "shutdown_grace", Duration.ofMinutes(2)));
  }

  private static SmtpSettings smtp(JsonNode smtp) {
    SmtpSettings.Security security = SmtpSettings.Security.valueOf(
        smtp.path("security").asString("starttls").toUpperCase(Locale.ROOT));
    int defaultPort = switch (security) {
      case STARTTLS -> 587;
      case TLS -> 465;
      case NONE -> 25;
    };
    return new SmtpSettings(text(smtp, "host"), smtp.path("port").asInt(defaultPort), security, text(smtp, "from"),
        optionalText(smtp, "from_name"), duration(smtp, "timeout", Duration.ofSeconds(30)),
        smtp.path("rate_per_second").asDouble(50), smtp.path("retry_attempts").asInt(5),
        duration(smtp, "retry_backoff", Duration.ofSeconds(2)));
  }

  private static Duration duration(JsonNode node, String name, Duration fallback) {
    return optionalText(node, name).map(Duration::parse).orElse(fallback);
  }
}
