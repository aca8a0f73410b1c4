package org.certbulletin.ingest;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.certbulletin.model.ChartSettings;
import org.certbulletin.model.CronSchedule;
import org.certbulletin.model.Printable;
import org.certbulletin.model.Problem;
import org.certbulletin.model.RenderSettings;
import org.certbulletin.model.TallyCatalogue;
import tools.jackson.databind.JsonNode;

/** Checks the rules of a schema-valid {@code config.json} that the schema cannot express. */
final class ConfigRules {

  /** How many lines the trend chart draws at most: the template has four series colours. */
  static final int TREND_LINES = 4;

  private ConfigRules() {}

  /**
   * Every rule broken by {@code document}. Runs also on a document that fails its schema, so that
   * one run reports every problem; a member of the wrong shape is left to the schema's report.
   */
  static List<Problem> check(SourceDocument document) {
    List<Problem> problems = new ArrayList<>();
    checkZone(document, "/issuer/time_zone", problems);
    checkLists(document, problems);
    checkLanguages(document, problems);
    checkTallies(document, problems);
    List<Locale> languages = DataMapper.languages(document.root());
    problems.addAll(PrintableCheck.check(document, "/issuer", languages));
    problems.addAll(PrintableCheck.check(document, "/tallies", languages));
    JsonNode schedule = document.root().get("schedule");
    if (schedule != null && schedule.isObject() && schedule.path("cron").isString()) {
      checkZone(document, "/schedule/time_zone", problems);
      String cron = schedule.get("cron").asString();
      CronSchedule.problem(cron)
          .ifPresentOrElse(
              problem -> problems.add(document.problem("/schedule/cron", problem)),
              () -> checkGaps(document, cron, problems));
      for (String field :
          new String[] {"retry_every", "give_up_after", "deadline", "shutdown_grace"}) {
        JsonNode value = schedule.get(field);
        try {
          if (value != null && value.isString() && Duration.parse(value.asString()).isZero()) {
            problems.add(document.problem("/schedule/" + field, "must be longer than zero"));
          }
        } catch (DateTimeException e) {
          // not a duration: the schema says so
        }
      }
    }
    JsonNode timeLimit = document.root().path("render").get("time_limit");
    try {
      if (timeLimit != null && timeLimit.isString()) {
        Duration limit = Duration.parse(timeLimit.asString());
        if (limit.isZero()) {
          problems.add(document.problem("/render/time_limit", "must be longer than zero"));
        } else if (limit.compareTo(RenderSettings.MAX_TIME_LIMIT) > 0) {
          problems.add(
              document.problem(
                  "/render/time_limit",
                  "'"
                      + timeLimit.asString()
                      + "' is too long: at most PT1H (one hour); a template that runs longer"
                      + " is a runaway"));
        }
      }
    } catch (DateTimeException e) {
      // not a duration: the schema says so
    }
    return problems;
  }

  /**
   * A declared tally has a key of its own, the trend chart names only tallies there are, and it
   * draws at most {@link #TREND_LINES} lines.
   */
  private static void checkTallies(SourceDocument document, List<Problem> problems) {
    List<String> declared = new ArrayList<>();
    List<String> declaredTrend = new ArrayList<>();
    JsonNode tallies = document.root().path("tallies");
    if (tallies.isObject()) {
      tallies
          .properties()
          .forEach(
              entry -> {
                String key = entry.getKey();
                if (TallyCatalogue.isBuiltIn(key)) {
                  problems.add(
                      document.problem(
                          "/tallies/" + key,
                          "'"
                              + key
                              + "' is a built-in tally; the CERT's own tallies need keys of their"
                              + " own (built in: "
                              + String.join(", ", TallyCatalogue.builtIn().keys())
                              + ")"));
                  return;
                }
                declared.add(key);
                if (entry.getValue().path("trend").asBoolean(false)) {
                  declaredTrend.add(key);
                }
              });
    }
    List<String> known = new ArrayList<>(TallyCatalogue.builtIn().keys());
    known.addAll(declared);
    JsonNode trend = document.root().path("charts").path("trend");
    List<String> drawn = new ArrayList<>();
    if (trend.isArray() && !trend.isEmpty()) {
      for (int i = 0; i < trend.size(); i++) {
        String key = trend.get(i).asString("");
        if (!trend.get(i).isString() || known.contains(key)) {
          drawn.add(key);
          continue;
        }
        problems.add(
            document.problem(
                "/charts/trend/" + i,
                "'"
                    + Printable.of(key, 40)
                    + "' is not a tally of this bulletin; "
                    + SchemaMessages.closest(key, known)
                        .map(c -> "did you mean '" + c + "'? ")
                        .orElse("")
                    + "known tallies: "
                    + String.join(", ", known)
                    + "; declare a new one under \"tallies\""));
      }
    } else {
      drawn.addAll(ChartSettings.defaults().trend());
    }
    declaredTrend.stream().filter(k -> !drawn.contains(k)).forEach(drawn::add);
    if (drawn.size() > TREND_LINES) {
      problems.add(
          document.problem(
              declaredTrend.isEmpty() ? "/charts/trend" : "/tallies/" + declaredTrend.get(0),
              "the trend chart would draw "
                  + drawn.size()
                  + " tallies ("
                  + String.join(", ", drawn)
                  + "); at most "
                  + TREND_LINES
                  + " stay readable: name fewer in charts.trend or set trend to false"));
    }
  }

  /** The languages are named once, and each language once. */
  private static void checkLanguages(SourceDocument document, List<Problem> problems) {
    JsonNode root = document.root();
    JsonNode languages = root.get("languages");
    if (languages == null || !languages.isArray()) {
      return;
    }
    if (root.path("issuer").has("language")) {
      problems.add(
          document.problem(
              "/issuer/language",
              "the bulletin's languages are named in \"languages\" too; remove this member (the"
                  + " first of \"languages\" is the main one)"));
    }
    List<Locale> written = new ArrayList<>();
    for (int i = 0; i < languages.size(); i++) {
      Locale language = Locale.forLanguageTag(languages.get(i).asString());
      if (written.contains(language)) {
        problems.add(
            document.problem(
                "/languages/" + i,
                "'" + languages.get(i).asString() + "' is named twice; name each language once"));
      }
      written.add(language);
    }
  }

  private static void checkLists(SourceDocument document, List<Problem> problems) {
    Set<String> names = new HashSet<>();
    JsonNode lists = document.root().path("lists");
    for (int i = 0; i < lists.size(); i++) {
      JsonNode nameNode = lists.get(i).path("name");
      if (!nameNode.isString()) {
        continue;
      }
      String name = nameNode.asString();
      if (!names.add(name)) {
        problems.add(
            document.problem(
                "/lists/" + i + "/name",
                "'" + name + "' is used by another list; names must be unique"));
      }
    }
    boolean signs = document.root().path("openpgp").isObject();
    for (int i = 0; i < lists.size(); i++) {
      checkListOpenPgp(document, "/lists/" + i, lists.get(i), signs, problems);
    }
  }

  /** The list's OpenPGP members: each needs the others it builds on. */
  private static void checkListOpenPgp(
      SourceDocument document,
      String pointer,
      JsonNode list,
      boolean signs,
      List<Problem> problems) {
    String signing = list.path("openpgp").asString("");
    String encrypt = list.path("encrypt").asString("never");
    boolean encrypts = !encrypt.equals("never");
    if (!signs && (list.has("openpgp") || encrypts)) {
      problems.add(
          document.problem(
              pointer + (list.has("openpgp") ? "/openpgp" : "/encrypt"),
              "messages are OpenPGP-signed (and then encrypted) with the CERT's key, but"
                  + " openpgp is not configured; add \"openpgp\": {\"public_key\": ...} or"
                  + " remove this member"));
    }
    if (signing.equals("inline") && !list.path("format").asString("html").equals("text")) {
      problems.add(
          document.problem(
              pointer + "/openpgp",
              "inline signing clear-signs a plain-text body, and this list sends HTML; use"
                  + " \"pgp-mime\" or set \"format\": \"text\""));
    }
    if (list.has("keyring") && !encrypts) {
      problems.add(
          document.problem(
              pointer + "/keyring",
              "a keyring is read only by a list that encrypts; add \"encrypt\": \"when_possible\""
                  + " or \"required\", or remove the keyring"));
    }
    if (encrypts && !list.has("keyring")) {
      problems.add(
          document.problem(
              pointer + "/encrypt",
              "encrypting needs the recipients' public keys: name their key file in"
                  + " \"keyring\" (gpg --export --armor ADDRESS... > keys/LIST.asc)"));
    }
  }

  private static void checkGaps(SourceDocument document, String cron, List<Problem> problems) {
    JsonNode zoneNode = document.root().at("/schedule/time_zone");
    if (zoneNode.isMissingNode()) {
      zoneNode = document.root().at("/issuer/time_zone");
    }
    if (!zoneNode.isString()) {
      return;
    }
    String zoneName = zoneNode.asString();
    ZoneId zone;
    try {
      zone = ZoneId.of(zoneName);
    } catch (DateTimeException e) {
      return;
    }
    CronSchedule schedule = new CronSchedule(cron, zone);
    Instant now = Instant.now();
    schedule
        .firstLostFiring(now)
        .ifPresent(
            gap ->
                problems.add(
                    document.problem(
                        "/schedule/cron",
                        "'"
                            + cron
                            + "' fires at a local time that does not exist on "
                            + gap.getDateTimeBefore().toLocalDate()
                            + " in "
                            + zone
                            + " (clocks skip from "
                            + gap.getDateTimeBefore().toLocalTime()
                            + " to "
                            + gap.getDateTimeAfter().toLocalTime()
                            + "), so that firing would be lost; choose a time outside that hour")));
  }

  private static void checkZone(SourceDocument document, String pointer, List<Problem> problems) {
    JsonNode node = document.root().at(pointer);
    if (!node.isString()) {
      return;
    }
    try {
      ZoneId.of(node.asString());
    } catch (DateTimeException e) {
      problems.add(
          document.problem(
              pointer,
              "'"
                  + node.asString()
                  + "' is not a known time zone; use an IANA name such as Europe/Paris or"
                  + " Asia/Shanghai"));
    }
  }
}
