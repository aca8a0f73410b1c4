package org.certbulletin.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.certbulletin.model.Problem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The prose of a data file, which may be one text for every language or a text per language ({@code
 * {"en": "...", "zh-CN": "..."}}): where it may stand, whether every language of the bulletin has
 * its text, and the file as one language's edition reads it.
 *
 * <p>The places are the schema's {@code line_text} and {@code paragraph_text} members, named here
 * as JSON pointers with {@code *} for every element of an array or member of an object; {@code
 * TranslationsTest} checks that the two agree.
 */
final class Translations {

  /** The prose of a week file. */
  static final Translations WEEK =
      new Translations(
          List.of(
              "/situation/text",
              "/highlights/*/title",
              "/highlights/*/narrative",
              "/highlights/*/sector",
              "/highlights/*/vector",
              "/advisories/*/title",
              "/advisories/*/versions",
              "/advisories/*/fixed_versions",
              "/advisories/*/summary",
              "/advisories/*/remediation",
              "/partners/*/name",
              "/notes/*"));

  /** The prose of {@code config.json}. */
  static final Translations CONFIG =
      new Translations(
          List.of(
              "/issuer/name",
              "/issuer/title",
              "/issuer/contact/address",
              "/tallies/*/label",
              "/tallies/*/unit",
              "/tallies/*/breakdown/*",
              "/tallies/*/of_which/*"));

  private static final Pattern SLASH = Pattern.compile("/");

  private final List<String> places;

  private Translations(List<String> places) {
    this.places = List.copyOf(places);
  }

  /** The places, as JSON pointers with {@code *} for every array element or object member. */
  List<String> places() {
    return places;
  }

  /**
   * Every text given by language that lacks one of {@code languages}, or gives one twice. A text in
   * a language the bulletin is not written in is no error: it is kept for the day the language is
   * added, and a misspelt tag shows as the missing language. Texts the schema rejected are left to
   * its report.
   */
  List<Problem> check(CheckedDocument document, List<Locale> languages) {
    List<Problem> problems = new ArrayList<>();
    String written =
        languages.stream().map(Locale::toLanguageTag).collect(Collectors.joining(", "));
    visit(
        document.root(),
        (pointer, node) -> {
          if (!(node instanceof ObjectNode texts) || !document.accepted(pointer)) {
            return;
          }
          List<Locale> given = new ArrayList<>();
          for (String name : texts.propertyNames()) {
            Locale language = Locale.forLanguageTag(name);
            if (given.contains(language)) {
              problems.add(
                  document.problem(
                      pointer + "/" + name,
                      "'" + name + "' is given twice; keep one text per language"));
            }
            given.add(language);
          }
          for (Locale language : languages) {
            if (!given.contains(language)) {
              problems.add(
                  document.problem(
                      pointer,
                      "has no '"
                          + language.toLanguageTag()
                          + "' text, but the bulletin is written in "
                          + written
                          + "; add \""
                          + language.toLanguageTag()
                          + "\": \"...\", or give one text for every language as a plain"
                          + " string"));
            }
          }
        });
    return problems;
  }

  /**
   * A copy of {@code root} as the edition in {@code language} reads it: every text given by
   * language replaced by that language's text. A checked file has one for every language of the
   * bulletin; otherwise the text of {@code fallback} (the main language) stands in, else the first
   * text given.
   */
  ObjectNode project(ObjectNode root, Locale language, Locale fallback) {
    ObjectNode copy = root.deepCopy();
    visit(
        copy,
        (pointer, node) -> {
          if (node instanceof ObjectNode texts) {
            replace(copy, pointer, StringNode.valueOf(textIn(texts, language, fallback)));
          }
        });
    return copy;
  }

  /**
   * Each text of {@code root} at the places as the edition in {@code language} reads it (as {@link
   * #project} picks it), by the pointer of where it is written: {@code /advisories/0/remediation}
   * for one text for every language, {@code /advisories/0/remediation/zh-CN} for a language's own.
   */
  Map<String, String> read(JsonNode root, Locale language, Locale fallback) {
    Map<String, String> texts = new LinkedHashMap<>();
    visit(
        root,
        (pointer, node) -> {
          if (node.isString()) {
            texts.put(pointer, node.asString());
          } else if (node instanceof ObjectNode byLanguage && !byLanguage.isEmpty()) {
            String tag =
                tagOf(byLanguage, language)
                    .or(() -> tagOf(byLanguage, fallback))
                    .orElseGet(() -> byLanguage.propertyNames().iterator().next());
            JsonNode text = byLanguage.get(tag);
            if (text.isString()) {
              texts.put(pointer + "/" + escape(tag), text.asString());
            }
          }
        });
    return texts;
  }

  private static Optional<String> tagOf(ObjectNode texts, Locale language) {
    for (String tag : texts.propertyNames()) {
      if (Locale.forLanguageTag(tag).equals(language)) {
        return Optional.of(tag);
      }
    }
    return Optional.empty();
  }

  private static String textIn(ObjectNode texts, Locale language, Locale fallback) {
    return textIn(texts, language)
        .or(() -> textIn(texts, fallback))
        .orElseGet(() -> texts.values().iterator().next().asString());
  }

  private static Optional<String> textIn(ObjectNode texts, Locale language) {
    for (Map.Entry<String, JsonNode> text : texts.properties()) {
      if (Locale.forLanguageTag(text.getKey()).equals(language)) {
        return Optional.of(text.getValue().asString());
      }
    }
    return Optional.empty();
  }

  private static void replace(JsonNode root, String pointer, JsonNode value) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), value);
    } else if (parent instanceof ObjectNode object) {
      object.set(last, value);
    }
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private interface Visitor {
    void visit(String pointer, JsonNode node);
  }

  /** Calls {@code visitor} for every value present at one of the places, in document order. */
  private void visit(JsonNode root, Visitor visitor) {
    for (String place : places) {
      walk(root, "", SLASH.splitAsStream(place.substring(1)).toArray(String[]::new), 0, visitor);
    }
  }

  private static void walk(JsonNode node, String at, String[] steps, int step, Visitor visitor) {
    if (step == steps.length) {
      visitor.visit(at, node);
      return;
    }
    if (steps[step].equals("*")) {
      if (node instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          walk(array.get(i), at + "/" + i, steps, step + 1, visitor);
        }
      } else if (node instanceof ObjectNode object) {
        for (String name : List.copyOf(object.propertyNames())) {
          walk(object.get(name), at + "/" + escape(name), steps, step + 1, visitor);
        }
      }
    } else if (node instanceof ObjectNode object && object.has(steps[step])) {
      walk(object.get(steps[step]), at + "/" + steps[step], steps, step + 1, visitor);
    }
  }
}
