package org.certbulletin.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.certbulletin.model.Problem;
import org.certbulletin.render.PrintableText;
import tools.jackson.databind.JsonNode;

/**
 * Finds text an edition's PDF cannot print: a character that no font of the edition's font stacks
 * has (an emoji, a private-use character, a script without a font) would otherwise be drawn as '#'.
 * The stacks are those the edition's style sheet names, so this asks the question the renderer
 * answers; the renderer still checks what it draws.
 */
final class PrintableCheck {

  private PrintableCheck() {}

  /**
   * A problem for each character of a string under {@code pointer} that an edition it reaches
   * cannot print: a text given by language reaches that language's edition, any other text every
   * edition in {@code languages} (the bulletin's, main one first). A string the schema rejected is
   * reported for that, not here.
   */
  static List<Problem> check(CheckedDocument document, String pointer, List<Locale> languages) {
    List<Problem> problems = new ArrayList<>();
    JsonNode node = document.raw(pointer);
    List<Locale> editions = languages.isEmpty() ? List.of(Locale.ENGLISH) : languages;
    new Walk(document, editions, problems).walk(node, pointer, editions);
    return problems;
  }

  /**
   * The places under {@code pointer} in {@code document} where character {@code codePoint} is
   * written for the edition in {@code edition}.
   */
  static List<String> places(
      SourceDocument document,
      String pointer,
      int codePoint,
      Locale edition,
      List<Locale> languages) {
    List<String> places = new ArrayList<>();
    List<Locale> editions = languages.isEmpty() ? List.of(edition) : languages;
    new Walk(CheckedDocument.accepted(document), editions, null) {
      @Override
      void text(String text, String pointer, List<Locale> reaches) {
        if (reaches.contains(edition) && text.codePoints().anyMatch(c -> c == codePoint)) {
          places.add(pointer);
        }
      }
    }.walk(pointer.isEmpty() ? document.root() : document.root().at(pointer), pointer, editions);
    return places;
  }

  private static class Walk {
    private final CheckedDocument document;
    private final List<Locale> languages;
    private final List<Problem> problems;

    Walk(CheckedDocument document, List<Locale> languages, List<Problem> problems) {
      this.document = document;
      this.languages = languages;
      this.problems = problems;
    }

    void walk(JsonNode node, String pointer, List<Locale> reaches) {
      if (document.rejectedAround(pointer)) {
        return;
      }
      if (node.isString()) {
        text(node.asString(), pointer, reaches);
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          walk(node.get(i), pointer + "/" + i, reaches);
        }
      } else if (node.isObject()) {
        for (Map.Entry<String, JsonNode> member : node.properties()) {
          String key = member.getKey().replace("~", "~0").replace("/", "~1");
          List<Locale> next =
              languages.stream()
                  .filter(l -> l.toLanguageTag().equalsIgnoreCase(member.getKey()))
                  .findFirst()
                  .map(List::of)
                  .orElse(reaches);
          walk(member.getValue(), pointer + "/" + key, next);
        }
      }
    }

    /** Reports each character of {@code text} an edition it reaches cannot print. */
    void text(String text, String pointer, List<Locale> reaches) {
      Map<Integer, List<Locale>> missing = new LinkedHashMap<>();
      for (Locale edition : reaches) {
        for (int c : PrintableText.unprintable(text, edition)) {
          missing.computeIfAbsent(c, k -> new ArrayList<>()).add(edition);
        }
      }
      missing.forEach(
          (c, editions) ->
              problems.add(
                  document.problem(
                      pointer,
                      editions.size() == reaches.size()
                          ? PrintableText.problem(c)
                          : PrintableText.problem(c, editions))));
    }
  }
}
