package org.certbulletin.imports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.certbulletin.ingest.CvssVectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds an advisory in the week file's form, member by member in the order the week files use,
 * keeping each value within what the week schema accepts.
 */
final class AdvisoryFields {

  /** The members of an advisory in the order the week files write them. */
  static final List<String> ORDER =
      List.of(
          "id",
          "title",
          "cves",
          "vendor",
          "product",
          "versions",
          "fixed_versions",
          "affected_object",
          "severity",
          "cvss",
          "exploited",
          "zero_day",
          "kev",
          "epss",
          "summary",
          "remediation",
          "references",
          "published",
          "tlp",
          "provenance");

  /** A bulletin lists the advisory's own page first and a few more; the source has them all. */
  static final int MAX_REFERENCES = 10;

  static final int MAX_ID_LENGTH = 64;

  private static final Pattern CVE = Pattern.compile("CVE-[0-9]{4}-[0-9]{4,7}");
  private static final Pattern ID_OUTSIDE = Pattern.compile("[^A-Za-z0-9._:-]+");
  private static final Pattern URL = Pattern.compile("https?://[\\x21-\\x7e&&[^<>\"]]+");
  private static final Pattern HIDDEN =
      Pattern.compile(
          "[\\u0000-\\u001f\\u007f-\\u00a0\\u200b-\\u200f\\u2028-\\u202e\\u2060\\u2066-\\u2069\\ufeff]");

  private final ObjectNode node = JsonNodeFactory.instance.objectNode();
  private final List<String> warnings = new ArrayList<>();

  /** {@code text} as an advisory id: other characters become '-', at most 64 of them. */
  static String id(String text) {
    String id = ID_OUTSIDE.matcher(text.strip()).replaceAll("-").replaceAll("^[^A-Za-z0-9]+", "");
    id = id.length() > MAX_ID_LENGTH ? id.substring(0, MAX_ID_LENGTH) : id;
    id = id.replaceAll("[^A-Za-z0-9]+$", "");
    return id.isEmpty() ? "imported" : id;
  }

  /** Puts the advisory id of {@code text}, and says so when it is not the text itself. */
  AdvisoryFields id(String member, String text) {
    String id = id(text);
    node.put(member, id);
    if (!id.equals(text)) {
      warnings.add(
          "its id '"
              + Texts.cut(Texts.line(text), 120)
              + "' is written "
              + id
              + (text.strip().length() > MAX_ID_LENGTH
                  ? " (an advisory id is at most " + MAX_ID_LENGTH + " characters)"
                  : " (an advisory id is letters, digits, '.', '_', ':' and '-')"));
    }
    return this;
  }

  static boolean isCve(String text) {
    return CVE.matcher(text).matches();
  }

  /** The date of an ISO-8601 timestamp as written (its own offset), if it is one. */
  static Optional<LocalDate> date(String timestamp) {
    try {
      return Optional.of(OffsetDateTime.parse(timestamp).toLocalDate());
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(
            LocalDate.parse(timestamp.substring(0, Math.min(10, timestamp.length()))));
      } catch (DateTimeParseException | StringIndexOutOfBoundsException again) {
        return Optional.empty();
      }
    }
  }

  /**
   * A severity word of a source ({@code Important}, {@code moderate}, {@code CRITICAL}) as the week
   * schema's, if it is one.
   */
  static Optional<String> severity(String word) {
    return switch (word.strip().toLowerCase(Locale.ROOT)) {
      case "critical" -> Optional.of("critical");
      case "high", "important" -> Optional.of("high");
      case "medium", "moderate" -> Optional.of("medium");
      case "low" -> Optional.of("low");
      default -> Optional.empty();
    };
  }

  AdvisoryFields text(String member, String text, int max) {
    String value = Texts.cut(Texts.line(text), max);
    if (!value.isEmpty()) {
      node.put(member, value);
    }
    return this;
  }

  AdvisoryFields list(String member, Collection<String> items, int max) {
    Set<String> distinct = new LinkedHashSet<>();
    items.stream().map(Texts::line).filter(s -> !s.isEmpty()).forEach(distinct::add);
    if (!distinct.isEmpty()) {
      node.put(member, Texts.joined(distinct, max));
    }
    return this;
  }

  /**
   * The affected or fixed versions {@code ranges} as each of {@code languages} words them: one text
   * when every language writes it alike (a list of versions), else one per language ({@code {"en":
   * "1.7.0 and earlier", "zh-CN": "1.7.0及更早版本"}}), which analysts read and edit as they do titles.
   */
  AdvisoryFields versions(
      String member, Collection<VersionRange> ranges, List<Locale> languages, int max) {
    List<VersionRange> distinct =
        ranges.stream()
            .map(r -> new VersionRange(r.kind(), Texts.line(r.from()), Texts.line(r.to())))
            .filter(r -> r.kind() != VersionRange.Kind.NAMED || !r.from().isEmpty())
            .distinct()
            .toList();
    if (distinct.isEmpty()) {
      return this;
    }
    Map<String, String> texts = new LinkedHashMap<>();
    for (Locale language : languages.isEmpty() ? List.of(Locale.ENGLISH) : languages) {
      texts.put(language.toLanguageTag(), VersionWording.of(language).list(distinct, max));
    }
    if (new HashSet<>(texts.values()).size() == 1) {
      node.put(member, texts.values().iterator().next());
    } else {
      ObjectNode byLanguage = node.putObject(member);
      texts.forEach(byLanguage::put);
    }
    return this;
  }

  /**
   * Every CVE id among {@code ids}, once: a cumulative advisory lists thousands, and KEV and EPSS
   * must see each (the week schema's limit, far above any real advisory, is checked with the week).
   */
  AdvisoryFields cves(Collection<String> ids) {
    Set<String> distinct = new LinkedHashSet<>();
    ids.stream().map(String::strip).filter(AdvisoryFields::isCve).forEach(distinct::add);
    if (!distinct.isEmpty()) {
      ArrayNode array = node.putArray("cves");
      distinct.forEach(array::add);
    }
    return this;
  }

  /**
   * The scores, the highest of each CVSS version, highest first: one is written as an object, two
   * as an array (a v3.1 and a v4.0 score are both kept; the highest decides the severity).
   */
  AdvisoryFields cvss(Collection<Score> scores) {
    List<Score> best =
        scores.stream()
            .filter(s -> List.of("3.0", "3.1", "4.0").contains(s.version()))
            .map(this::checked)
            .filter(s -> s.score().signum() >= 0 && s.score().compareTo(BigDecimal.TEN) <= 0)
            .sorted(Comparator.comparing(Score::score).reversed())
            .toList();
    Set<String> major = new LinkedHashSet<>();
    List<Score> kept = best.stream().filter(s -> major.add(s.version().substring(0, 1))).toList();
    if (kept.size() == 1) {
      node.set("cvss", kept.get(0).toJson());
    } else if (kept.size() > 1) {
      ArrayNode array = node.putArray("cvss");
      kept.forEach(s -> array.add(s.toJson()));
    }
    return this;
  }

  /**
   * {@code score} with the score its vector computes to: a source that gives another one (it
   * happens) is corrected, and said so; a vector that is not valid is left out.
   */
  private Score checked(Score score) {
    if (score.vector().isEmpty()) {
      return score;
    }
    String vector = score.vector().get();
    Optional<BigDecimal> computed =
        vector.startsWith("CVSS:" + score.version() + "/")
            ? CvssVectors.baseScore(vector)
            : Optional.empty();
    if (computed.isEmpty()) {
      warnings.add("left out the CVSS vector '" + Texts.cut(vector, 80) + "', which is not valid");
      return new Score(score.version(), score.score(), Optional.empty());
    }
    BigDecimal given = score.score().setScale(1, RoundingMode.HALF_UP);
    if (computed.get().compareTo(given) != 0) {
      warnings.add(
          "the source gives CVSS "
              + score.version()
              + " score "
              + given.toPlainString()
              + " but its vector computes to "
              + computed.get().toPlainString()
              + "; took the vector's");
    }
    return new Score(score.version(), computed.get(), score.vector());
  }

  List<String> warnings() {
    return List.copyOf(warnings);
  }

  AdvisoryFields severityIfUnscored(Optional<String> severity) {
    if (!node.has("cvss")) {
      severity.ifPresent(s -> node.put("severity", s));
    }
    return this;
  }

  /**
   * The http(s) addresses among {@code urls}, in ASCII (an address with other letters is
   * percent-encoded), without one that hides control characters or direction marks.
   */
  AdvisoryFields references(Collection<String> urls) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String url : urls) {
      String candidate = url.strip();
      if (HIDDEN.matcher(candidate).find()) {
        warnings.add(
            "left out the reference '"
                + Texts.line(Texts.cut(candidate, 80))
                + "', which hides characters");
        continue;
      }
      try {
        String ascii = new java.net.URI(candidate).toASCIIString();
        if (URL.matcher(ascii).matches() && ascii.length() <= 2000) {
          distinct.add(ascii);
        }
      } catch (java.net.URISyntaxException e) {
        // not an address: left out
      }
    }
    if (!distinct.isEmpty()) {
      ArrayNode array = node.putArray("references");
      distinct.stream().limit(MAX_REFERENCES).forEach(array::add);
    }
    if (distinct.size() > MAX_REFERENCES) {
      warnings.add(
          "kept the first "
              + MAX_REFERENCES
              + " of its "
              + distinct.size()
              + " references (its own page first); the other "
              + (distinct.size() - MAX_REFERENCES)
              + " are in the source");
    }
    return this;
  }

  AdvisoryFields date(String member, Optional<LocalDate> date) {
    date.ifPresent(d -> node.put(member, d.toString()));
    return this;
  }

  AdvisoryFields put(String member, String value) {
    node.put(member, value);
    return this;
  }

  /** Puts {@code value} as member {@code member} when there is one. */
  AdvisoryFields putIfPresent(String member, Optional<String> value) {
    value.ifPresent(v -> node.put(member, v));
    return this;
  }

  ObjectNode build() {
    return node;
  }

  /** One CVSS base score as a source gives it. */
  record Score(String version, BigDecimal score, Optional<String> vector) {

    ObjectNode toJson() {
      ObjectNode json = JsonNodeFactory.instance.objectNode();
      json.put("version", version);
      json.put("score", score.setScale(1, RoundingMode.HALF_UP));
      vector.ifPresent(v -> json.put("vector", v));
      return json;
    }
  }
}
