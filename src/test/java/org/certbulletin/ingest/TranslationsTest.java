package org.certbulletin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.certbulletin.files.JsonMapping;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TranslationsTest {

  private final JsonDocumentReader reader = new JsonDocumentReader();

  /** Every member the schema lets be a text per language is one the code reads per language. */
  @Test
  void thePlacesAreTheSchemasTextsByLanguage() throws IOException {
    assertThat(Translations.WEEK.places()).containsExactlyInAnyOrderElementsOf(textsOf("week"));
    assertThat(Translations.CONFIG.places()).containsExactlyInAnyOrderElementsOf(textsOf("config"));
  }

  @Test
  void eachLanguageReadsItsOwnTextAndAPlainStringIsEveryLanguages() {
    SourceDocument document =
        reader.parse(
            """
            {"situation": {"text": {"en": "Good.", "zh-CN": "良。"}},
             "notes": ["One for all", {"zh-cn": "注", "en": "Note"}]}
            """
                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "w.json");
    List<Locale> languages = List.of(Locale.ENGLISH, Locale.forLanguageTag("zh-CN"));

    assertThat(Translations.WEEK.check(CheckedDocument.accepted(document), languages)).isEmpty();
    JsonNode chinese =
        Translations.WEEK.project(
            (tools.jackson.databind.node.ObjectNode) document.root(),
            Locale.forLanguageTag("zh-CN"),
            Locale.ENGLISH);
    assertThat(chinese.at("/situation/text").asString()).isEqualTo("良。");
    assertThat(chinese.at("/notes/0").asString()).isEqualTo("One for all");
    assertThat(chinese.at("/notes/1").asString()).as("tags match in any case").isEqualTo("注");
    assertThat(
            Translations.WEEK
                .project(
                    (tools.jackson.databind.node.ObjectNode) document.root(),
                    Locale.ENGLISH,
                    Locale.ENGLISH)
                .at("/notes/1")
                .asString())
        .isEqualTo("Note");
    assertThat(
            Translations.WEEK
                .project(
                    (tools.jackson.databind.node.ObjectNode) document.root(),
                    Locale.FRENCH,
                    Locale.forLanguageTag("zh-CN"))
                .at("/notes/1")
                .asString())
        .as("a language without a text takes the fallback's, wherever it stands")
        .isEqualTo("注");
  }

  @Test
  void aMissingLanguageIsNamedAtItsPlaceAndAnUnusedOneIsKept() {
    SourceDocument document =
        reader.parse(
            """
            {"highlights": [{"title": {"en": "Title", "fr": "Titre"}}]}
            """
                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "w.json");

    assertThat(
            Translations.WEEK
                .check(CheckedDocument.accepted(document), List.of(Locale.ENGLISH))
                .stream()
                .map(Object::toString))
        .as("a text in a language not (yet) written is no error")
        .isEmpty();
    assertThat(
            Translations.WEEK
                .check(
                    CheckedDocument.accepted(document),
                    List.of(Locale.ENGLISH, Locale.forLanguageTag("zh-CN")))
                .stream()
                .map(Object::toString))
        .containsExactly(
            "w.json:1:18: /highlights/0/title: has no 'zh-CN' text, but the bulletin is written in"
                + " en, zh-CN; add \"zh-CN\": \"...\", or give one text for every language as a"
                + " plain string");
  }

  @Test
  void aLanguageGivenTwiceIsAnError() {
    SourceDocument document =
        reader.parse(
            "{\"notes\": [{\"en\": \"a\", \"EN\": \"b\"}]}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "w.json");

    assertThat(Translations.WEEK.check(CheckedDocument.accepted(document), List.of(Locale.ENGLISH)))
        .extracting(p -> p.pointer() + ": " + p.message())
        .containsExactly("/notes/0/EN: 'EN' is given twice; keep one text per language");
  }

  /** The members of a schema whose value is a line_text or paragraph_text, as pointers. */
  private static List<String> textsOf(String name) throws IOException {
    JsonNode schema;
    try (InputStream in =
        TranslationsTest.class.getResourceAsStream("/schema/" + name + ".schema.json")) {
      schema = JsonMapping.mapper().readTree(in);
    }
    List<String> places = new ArrayList<>();
    walk(schema, schema, "", places);
    return places;
  }

  private static void walk(JsonNode schema, JsonNode node, String at, List<String> places) {
    String ref = node.path("$ref").asString("");
    if (ref.endsWith("/line_text") || ref.endsWith("/paragraph_text")) {
      places.add(at);
      return;
    }
    if (ref.startsWith("#/$defs/")) {
      walk(schema, schema.at(ref.substring(1)), at, places);
      return;
    }
    for (Map.Entry<String, JsonNode> property : node.path("properties").properties()) {
      walk(schema, property.getValue(), at + "/" + property.getKey(), places);
    }
    if (node.has("items")) {
      walk(schema, node.get("items"), at + "/*", places);
    }
    if (node.path("additionalProperties").isObject()) {
      walk(schema, node.get("additionalProperties"), at + "/*", places);
    }
  }
}
