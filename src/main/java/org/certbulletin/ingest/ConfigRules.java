package org.certbulletin.ingest;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.model.ChartSettings;
import org.certbulletin.model.CronSchedule;
import org.certbulletin.model.OpenPgpSettings;
import org.certbulletin.model.Printable;
import org.certbulletin.model.Problem;
import org.certbulletin.model.RenderSettings;
import org.certbulletin.model.TallyCatalogue;
import tools.jackson.databind.JsonNode;

/**
 * Checks the rules of {@code config.json} that the schema cannot express, among them every rule a
 * command would otherwise find only when it runs (a cluster without a shared database, say), so
 * that {@code validate} says them all. Each rule reads only values the schema accepted.
 */
final class ConfigRules {

  /** How many lines the trend chart draws at most: the template has four series colours. */
  static final int TREND_LINES = 4;

  private ConfigRules() {}

  /**
   * Every rule broken by {@code document}. Runs also on a document that fails its schema, so that
   * one run reports every problem; a value the schema rejected is left to its report.
   */
  static List<Problem> check(CheckedDocument document) {
    List<Problem> problems = new ArrayList<>();
    checkZone(document, "/issuer/time_zone", problems);
    checkLists(document, problems);
    checkLanguages(document, problems);
    checkTallies(document, problems);
    checkState(document, problems);
    List<Locale> languages = DataMapper.languages(document.root());
    problems.addAll(PrintableCheck.check(document, "/issuer", languages));
    problems.addAll(PrintableCheck.check(document, "/tallies", languages));
    document
        .at("/schedule/cron")
        .ifPresent(
            cron -> {
              checkZone(document, "/schedule/time_zone", problems);
              CronSchedule.problem(cron.asString())
                  .ifPresentOrElse(
                      problem -> problems.add(document.problem("/schedule/cron", problem)),
                      () -> checkGaps(document, cron.asString(), problems));
            });
    for (String field :
        new String[] {"retry_every", "give_up_after", "deadline", "shutdown_grace"}) {
      checkPositive(document, "/schedule/" + field, "", problems);
    }
    document
        .at("/openpgp/clock_skew")
        .filter(JsonNode::isString)
        .ifPresent(
            skew -> {
              try {
                if (Duration.parse(skew.asString()).compareTo(OpenPgpSettings.MAX_CLOCK_SKEW) > 0) {
                  problems.add(
                      document.problem(
                          "/openpgp/clock_skew",
                          "'"
                              + skew.asString()
                              + "' is too long: at most P1D (one day); a clock that far off needs"
                              + " fixing (NTP), not tolerating"));
                }
              } catch (DateTimeException e) {
                // not a duration: the schema says so
              }
            });
    document
        .at("/audit/retain")
        .filter(JsonNode::isString)
        .ifPresent(
            retain -> {
              try {
                if (Duration.parse(retain.asString()).compareTo(Duration.ofDays(1)) < 0) {
                  problems.add(
                      document.problem(
                          "/audit/retain",
                          "'"
                              + retain.asString()
                              + "' is too short: keep audit entries at least P1D (a day), like"
                              + " P400D"));
                }
              } catch (DateTimeException e) {
                // not a duration: the schema says so
              }
            });
    checkPositive(
        document,
        "/smtp/timeout",
        " (a zero timeout would wait for ever on a mail server that does not answer)",
        problems);
    document
        .at("/render/time_limit")
        .ifPresent(
            timeLimit -> {
              if (checkPositive(document, "/render/time_limit", "", problems)
                  && Duration.parse(timeLimit.asString()).compareTo(RenderSettings.MAX_TIME_LIMIT)
                      > 0) {
                problems.add(
                    document.problem(
                        "/render/time_limit",
                        "'"
                            + timeLimit.asString()
                            + "' is too long: at most PT1H (one hour); a template that runs"
                            + " longer is a runaway"));
              }
            });
    return problems;
  }

  /**
   * True if the duration at {@code pointer} is absent or longer than zero; reports it (with {@code
   * why}) if it is zero.
   */
  private static boolean checkPositive(
      CheckedDocument document, String pointer, String why, List<Problem> problems) {
    Optional<JsonNode> value = document.at(pointer);
    try {
      if (value.isPresent() && Duration.parse(value.get().asString()).isZero()) {
        problems.add(document.problem(pointer, "must be longer than zero" + why));
        return false;
      }
      return true;
    } catch (DateTimeException e) {
      return false; // the schema's pattern lets no such value through
    }
  }

  /**
   * The nodes of a cluster share one PostgreSQL database: an embedded H2 database is each machine's
   * own, so {@code run} and {@code publish} would refuse it.
   */
  private static void checkState(CheckedDocument document, List<Problem> problems) {
    boolean cluster = document.at("/state/cluster").map(JsonNode::asBoolean).orElse(false);
    if (!cluster) {
      return;
    }
    String fix =
        "a cluster's nodes share one PostgreSQL database; set \"state\": {\"jdbc_url\":"
            + " \"jdbc:postgresql://HOST/DATABASE\", \"cluster\": true}, or remove \"cluster\""
            + " to run one node";
    JsonNode url = document.raw("/state/jdbc_url");
    if (url.isMissingNode()) {
      problems.add(
          document.problem(
              "/state/cluster",
              "needs a shared database, and without \"jdbc_url\" the state is an H2 database in"
                  + " this node's out/state/; "
                  + fix));
    } else {
      document
          .at("/state/jdbc_url")
          .filter(u -> !u.asString().startsWith("jdbc:postgresql:"))
          .ifPresent(
              u ->
                  problems.add(
                      document.problem(
                          "/state/jdbc_url",
                          "is an H2 database, which \"cluster\": true cannot share; " + fix)));
    }
  }

  /**
   * A declaration under a built-in key may rename the tally ({@code label}), rename its parts or
   * add parts ({@code breakdown}), and nothing else: its unit, subsets and place are the
   * bulletin's.
   */
  private static void checkBuiltInExtension(
      CheckedDocument document, List<Problem> problems, String key, String pointer) {
    for (String member : document.raw(pointer).propertyNames()) {
      if (!member.equals("label") && !member.equals("breakdown")) {
        problems.add(
            document.problem(
                pointer + "/" + member.replace("~", "~0").replace("/", "~1"),
                "'"
                    + key
                    + "' is a built-in tally: config.json may rename it (label) and rename or add"
                    + " parts of its breakdown (breakdown), nothing else; remove '"
                    + Printable.of(member, 40)
                    + "', or give a tally of the CERT's own a key of its own"));
      }
    }
  }

  /**
   * A declared tally has a key of its own, the trend chart names only tallies there are, and it
   * draws at most {@link #TREND_LINES} lines.
   */
  private static void checkTallies(CheckedDocument document, List<Problem> problems) {
    List<String> declared = new ArrayList<>();
    List<String> declaredTrend = new ArrayList<>();
    JsonNode tallies = document.raw("/tallies");
    if (tallies.isObject()) {
      for (String key : tallies.propertyNames()) {
        String pointer = "/tallies/" + key.replace("~", "~0").replace("/", "~1");
        if (TallyCatalogue.isBuiltIn(key)) {
          checkBuiltInExtension(document, problems, key, pointer);
          continue;
        }
        if (document.at(pointer).isPresent() && document.raw(pointer + "/label").isMissingNode()) {
          problems.add(
              document.problem(
                  pointer,
                  "has no label; a tally of the CERT's own needs one (what the bulletin calls it,"
                      + " one per language or one for all). Built in, renamed or extended under"
                      + " their own keys: "
                      + String.join(", ", TallyCatalogue.builtIn().keys())));
          continue;
        }
        declared.add(key);
        if (document.at(pointer + "/trend").map(JsonNode::asBoolean).orElse(false)) {
          declaredTrend.add(key);
        }
      }
    }
    List<String> known = new ArrayList<>(TallyCatalogue.builtIn().keys());
    known.addAll(declared);
    List<String> drawn = new ArrayList<>();
    JsonNode trend = document.raw("/charts/trend");
    if (trend.isMissingNode()) {
      drawn.addAll(ChartSettings.defaults().trend());
    } else if (document.at("/charts/trend").isPresent()) {
      for (int i = 0; i < trend.size(); i++) {
        String key = trend.get(i).asString();
        if (known.contains(key)) {
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
      return; // the chart's tallies are not known: the schema's report says why
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
  private static void checkLanguages(CheckedDocument document, List<Problem> problems) {
    JsonNode languages = document.raw("/languages");
    if (languages.isMissingNode()) {
      return;
    }
    if (document.raw("/issuer/language").isString()) {
      problems.add(
          document.problem(
              "/issuer/language",
              "the bulletin's languages are named in \"languages\" too; remove this member (the"
                  + " first of \"languages\" is the main one)"));
    }
    if (!languages.isArray()) {
      return;
    }
    List<Locale> written = new ArrayList<>();
    for (int i = 0; i < languages.size(); i++) {
      Optional<JsonNode> tag = document.at("/languages/" + i);
      if (tag.isEmpty()) {
        continue;
      }
      Locale language = Locale.forLanguageTag(tag.get().asString());
      if (written.contains(language)) {
        problems.add(
            document.problem(
                "/languages/" + i,
                "'" + tag.get().asString() + "' is named twice; name each language once"));
      }
      written.add(language);
    }
  }

  private static void checkLists(CheckedDocument document, List<Problem> problems) {
    Set<String> names = new HashSet<>();
    JsonNode lists = document.raw("/lists");
    if (!lists.isArray()) {
      return;
    }
    for (int i = 0; i < lists.size(); i++) {
      Optional<JsonNode> name = document.at("/lists/" + i + "/name");
      if (name.isPresent() && !names.add(name.get().asString())) {
        problems.add(
            document.problem(
                "/lists/" + i + "/name",
                "'" + name.get().asString() + "' is used by another list; names must be unique"));
      }
    }
    boolean signs = !document.raw("/openpgp").isMissingNode();
    boolean publicUrl = !document.raw("/http/public_url").isMissingNode();
    for (int i = 0; i < lists.size(); i++) {
      checkListOpenPgp(document, "/lists/" + i, signs, problems);
      if (!publicUrl && !document.raw("/lists/" + i + "/signup").isMissingNode()) {
        problems.add(
            document.problem(
                "/lists/" + i + "/signup",
                "readers who sign up are mailed a link to confirm, and links start with"
                    + " http.public_url, which is not set; add \"http\": {\"public_url\":"
                    + " \"https://cert.example/bulletins/\"} (the address readers reach this"
                    + " server at), or remove \"signup\""));
      }
    }
  }

  /**
   * The list's OpenPGP members: each needs the others it builds on. A member the schema rejected is
   * taken as given but of unknown value: no rule about its value is checked.
   */
  private static void checkListOpenPgp(
      CheckedDocument document, String pointer, boolean signs, List<Problem> problems) {
    JsonNode list = document.raw(pointer);
    if (!list.isObject() || document.rejectedAround(pointer)) {
      return;
    }
    Optional<String> signing = value(document, pointer + "/openpgp", "pgp-mime");
    Optional<String> encrypt = value(document, pointer + "/encrypt", "never");
    Optional<Boolean> encrypts = encrypt.map(e -> !e.equals("never"));
    boolean hasKeyring = list.has("keyring");
    if (!signs && (list.has("openpgp") || encrypts.orElse(false))) {
      problems.add(
          document.problem(
              pointer + (list.has("openpgp") ? "/openpgp" : "/encrypt"),
              "messages are OpenPGP-signed (and then encrypted) with the CERT's key, but"
                  + " openpgp is not configured; add \"openpgp\": {\"public_key\": ...} or"
                  + " remove this member"));
    }
    Optional<String> format = value(document, pointer + "/format", "html");
    if (signing.equals(Optional.of("inline"))
        && format.isPresent()
        && !format.get().equals("text")) {
      problems.add(
          document.problem(
              pointer + "/openpgp",
              "inline signing clear-signs a plain-text body, and this list sends HTML; use"
                  + " \"pgp-mime\" or set \"format\": \"text\""));
    }
    if (hasKeyring && encrypts.equals(Optional.of(false))) {
      problems.add(
          document.problem(
              pointer + "/keyring",
              "a keyring is read only by a list that encrypts; add \"encrypt\": \"when_possible\""
                  + " or \"required\", or remove the keyring"));
    }
    if (encrypts.equals(Optional.of(true)) && !hasKeyring) {
      problems.add(
          document.problem(
              pointer + "/encrypt",
              "encrypting needs the recipients' public keys: name their key file in"
                  + " \"keyring\" (gpg --export --armor ADDRESS... > keys/LIST.asc)"));
    }
  }

  /**
   * The text at {@code pointer}, {@code absent} if it is not there, or empty if the schema rejected
   * it (its value is then unknown).
   */
  private static Optional<String> value(CheckedDocument document, String pointer, String absent) {
    if (document.raw(pointer).isMissingNode()) {
      return Optional.of(absent);
    }
    return document.at(pointer).map(JsonNode::asString);
  }

  private static void checkGaps(CheckedDocument document, String cron, List<Problem> problems) {
    String zonePointer =
        document.raw("/schedule/time_zone").isMissingNode()
            ? "/issuer/time_zone"
            : "/schedule/time_zone";
    Optional<JsonNode> zoneNode = document.at(zonePointer);
    if (zoneNode.isEmpty()) {
      return;
    }
    String zoneName = zoneNode.get().asString();
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

  private static void checkZone(CheckedDocument document, String pointer, List<Problem> problems) {
    Optional<JsonNode> node = document.at(pointer);
    if (node.isEmpty()) {
      return;
    }
    try {
      ZoneId.of(node.get().asString());
    } catch (DateTimeException e) {
      problems.add(
          document.problem(
              pointer,
              "'"
                  + node.get().asString()
                  + "' is not a known time zone; use an IANA name such as Europe/Paris or"
                  + " Asia/Shanghai"));
    }
  }
}
