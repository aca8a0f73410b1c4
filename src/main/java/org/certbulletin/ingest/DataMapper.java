package org.certbulletin.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.certbulletin.files.JsonMapping;
import org.certbulletin.model.Config;
import org.certbulletin.model.Revision;
import org.certbulletin.model.Week;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps checked data files to the model records and back with {@link JsonMapping}'s Jackson set-up.
 * The schema and rule checks run on the tree before this, so mapping a checked file does not fail.
 */
final class DataMapper {

  private static final JsonMapper MAPPER = JsonMapping.mapper();

  private DataMapper() {}

  /**
   * The week of a checked week document in {@code language}, with {@code fallback}'s text where it
   * has none. Each highlight and advisory without a TLP takes the week's, which is the one default
   * that depends on another member.
   */
  static Week week(JsonNode root, Locale language, Locale fallback) {
    ObjectNode tree = Translations.WEEK.project(document(root), language, fallback);
    JsonNode tlp = tree.get("tlp");
    for (String items : List.of("highlights", "advisories")) {
      for (JsonNode item : tree.path(items)) {
        if (!item.has("tlp")) {
          ((ObjectNode) item).set("tlp", tlp);
        }
      }
    }
    return MAPPER.treeToValue(tree, Week.class);
  }

  /**
   * The configuration of a checked {@code config.json} as the edition in {@code language} reads it
   * (with the main language's texts where that language has none, as for a list in a language the
   * bulletin is not written in); a schedule without a zone takes the issuer's, and a bulletin that
   * names no languages is written in the issuer's.
   */
  static Config config(JsonNode root, Locale language) {
    Locale main = languages(root).get(0);
    ObjectNode tree = Translations.CONFIG.project(document(root), language, main);
    if (!tree.has("languages")) {
      tree.putArray("languages").add(languages(root).get(0).toLanguageTag());
    }
    ((ObjectNode) tree.get("issuer")).put("language", language.toLanguageTag());
    if (tree.get("schedule") instanceof ObjectNode schedule && !schedule.has("time_zone")) {
      schedule.set("time_zone", tree.path("issuer").path("time_zone"));
    }
    return MAPPER.treeToValue(tree, Config.class);
  }

  /**
   * The languages of a checked {@code config.json}, the main one first: its {@code languages}, else
   * the issuer's language, else English.
   */
  static List<Locale> languages(JsonNode root) {
    JsonNode named = root.path("languages");
    if (named.isArray() && !named.isEmpty()) {
      List<Locale> languages = new ArrayList<>();
      named.forEach(tag -> languages.add(Locale.forLanguageTag(tag.asString())));
      return List.copyOf(languages);
    }
    JsonNode one = root.path("issuer").path("language");
    return List.of(one.isString() ? Locale.forLanguageTag(one.asString()) : Locale.ENGLISH);
  }

  /** A week in the normalised form of the week schema, as UTF-8 JSON ending with a newline. */
  static byte[] write(Week week) {
    return (MAPPER.writeValueAsString(week) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A week as {@link #write(Week)} writes it, with {@code revision} as one more member at the end:
   * the version, the history and what the correction changed.
   */
  static byte[] write(Week week, Revision revision) {
    ObjectNode tree = MAPPER.valueToTree(week);
    tree.set("revision", MAPPER.valueToTree(revision));
    return (MAPPER.writeValueAsString(tree) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectNode document(JsonNode root) {
    ObjectNode tree = (ObjectNode) root.deepCopy();
    tree.remove("$schema");
    return tree;
  }
}
