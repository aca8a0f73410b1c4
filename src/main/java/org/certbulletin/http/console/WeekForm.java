package org.certbulletin.http.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.service.TallyField;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A week file as the editor's form shows it, and the form's fields put back into the file. Fields
 * are named after the file's JSON pointers ({@code tally.incidents.breakdown.phishing} for {@code
 * /tallies/incidents/breakdown/phishing}), so that a problem the service finds at a pointer is
 * shown at its field. What the form does not show (advisories' details, partners, TLP labels, the
 * issue) is kept as it is.
 */
final class WeekForm {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** The parts of a highlight the form edits, each per language. */
  static final List<String> HIGHLIGHT_TEXTS = List.of("title", "narrative", "sector", "vector");

  private final List<TallyField> tallies;
  private final List<String> languages;

  WeekForm(List<TallyField> tallies, List<Locale> languages) {
    this.tallies = tallies;
    this.languages = languages.stream().map(Locale::toLanguageTag).toList();
  }

  /** The tallies the form shows, in the catalogue's order. */
  List<TallyField> tallies() {
    return tallies;
  }

  List<String> languages() {
    return languages;
  }

  /** The file's values by field name; numbers as digits, absent values absent. */
  Map<String, String> fields(JsonNode week) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (TallyField tally : tallies) {
      JsonNode node = week.path("tallies").path(tally.key());
      if (node.has("value")) {
        fields.put(name(tally.key()), node.get("value").asString());
      }
      for (TallyField.Part part : tally.breakdown()) {
        JsonNode value = node.path("breakdown").path(part.key());
        if (value.isNumber()) {
          fields.put(name(tally.key(), "breakdown", part.key()), value.asString());
        }
      }
      for (TallyField.Part part : tally.ofWhich()) {
        JsonNode value = node.path("of_which").path(part.key());
        if (value.isNumber()) {
          fields.put(name(tally.key(), "of_which", part.key()), value.asString());
        }
      }
    }
    if (week.path("release_at").isString()) {
      fields.put("release_at", week.get("release_at").asString());
    }
    JsonNode situation = week.path("situation");
    if (situation.has("rating")) {
      fields.put("situation.rating", situation.get("rating").asString());
    }
    texts(situation.path("text"), "situation.text", fields);
    JsonNode highlights = week.path("highlights");
    for (int i = 0; i < highlights.size(); i++) {
      for (String text : HIGHLIGHT_TEXTS) {
        texts(highlights.get(i).path(text), "highlights." + i + "." + text, fields);
      }
    }
    JsonNode notes = week.path("notes");
    for (int i = 0; i < notes.size(); i++) {
      texts(notes.get(i), "notes." + i, fields);
    }
    return fields;
  }

  private void texts(JsonNode node, String prefix, Map<String, String> fields) {
    if (node.isString()) {
      fields.put(prefix + "." + languages.get(0), node.asString());
      return;
    }
    for (String language : languages) {
      JsonNode text = node.path(language);
      if (text.isString()) {
        fields.put(prefix + "." + language, text.asString());
      }
    }
  }

  /**
   * What the form's rows of highlights, notes and advisories stand for, by position: their counts,
   * the highlights' labels and the advisories' ids. A save whose form was made for other lists is
   * not applied.
   */
  String items(JsonNode week) {
    StringBuilder items = new StringBuilder("h");
    for (JsonNode highlight : week.path("highlights")) {
      items.append(':').append(highlight.path("tlp").asString("-"));
    }
    items.append("/n").append(week.path("notes").size()).append("/a");
    for (JsonNode advisory : week.path("advisories")) {
      items.append(':').append(advisory.path("id").asString(""));
    }
    return items.toString();
  }

  /** A form field's name for a tally's value, or one of its parts. */
  static String name(String tally, String... part) {
    return "tallies." + tally + (part.length == 0 ? "" : "." + String.join(".", part));
  }

  /** A field whose value is not a whole number, and what it holds. */
  record NotANumber(String field, String value) {}

  /**
   * {@code week} with the form's values: tallies, the situation, highlights and notes; a highlight
   * or advisory ticked for removal is removed, a new highlight or note typed in the empty row is
   * added.
   *
   * @return the numbers that could not be read (nothing is changed then)
   */
  List<NotANumber> apply(ObjectNode week, Map<String, String> form) {
    List<NotANumber> wrong = new ArrayList<>();
    ObjectNode allTallies =
        week.has("tallies") ? (ObjectNode) week.get("tallies") : week.putObject("tallies");
    for (TallyField tally : tallies) {
      Optional<Long> value = number(form, name(tally.key()), wrong);
      ObjectNode node =
          allTallies.get(tally.key()) instanceof ObjectNode existing
              ? existing
              : JSON.createObjectNode();
      if (value.isPresent()) {
        node.put("value", value.get());
      } else {
        node.remove("value");
      }
      parts(node, "breakdown", tally.key(), tally.breakdown(), form, wrong);
      parts(node, "of_which", tally.key(), tally.ofWhich(), form, wrong);
      if (node.has("value")) {
        allTallies.set(tally.key(), node);
      } else if (!node.has("breakdown") && !node.has("of_which")) {
        allTallies.remove(tally.key());
      } else {
        allTallies.set(tally.key(), node); // parts without a value: the service says so, here
      }
    }
    String release = form.getOrDefault("release_at", "").strip();
    if (release.isEmpty()) {
      week.remove("release_at");
    } else {
      week.put("release_at", release);
    }
    ObjectNode situation =
        week.get("situation") instanceof ObjectNode s ? s : week.putObject("situation");
    String rating = form.getOrDefault("situation.rating", "").strip();
    if (!rating.isEmpty()) {
      situation.put("rating", rating);
    }
    putTexts(situation, "text", "situation.text", form);
    highlights(week, form);
    notes(week, form);
    removeAdvisories(week, form);
    return wrong;
  }

  private void parts(
      ObjectNode tally,
      String kind,
      String key,
      List<TallyField.Part> parts,
      Map<String, String> form,
      List<NotANumber> wrong) {
    if (parts.isEmpty()) {
      return;
    }
    ObjectNode node = tally.get(kind) instanceof ObjectNode o ? o : JSON.createObjectNode();
    for (TallyField.Part part : parts) {
      Optional<Long> value = number(form, name(key, kind, part.key()), wrong);
      if (value.isPresent()) {
        node.put(part.key(), value.get());
      } else {
        node.remove(part.key());
      }
    }
    if (node.isEmpty()) {
      tally.remove(kind);
    } else {
      tally.set(kind, node);
    }
  }

  private static Optional<Long> number(
      Map<String, String> form, String field, List<NotANumber> wrong) {
    String text = form.getOrDefault(field, "").strip().replace(",", "").replace(" ", "");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      wrong.add(new NotANumber(field, form.get(field)));
      return Optional.empty();
    }
  }

  /**
   * Puts the texts of {@code prefix} in each of the bulletin's languages under {@code key}, keeping
   * the texts in other languages the file holds; a plain string stays one while only the main
   * language has a text. No text at all removes the key.
   */
  private void putTexts(ObjectNode parent, String key, String prefix, Map<String, String> form) {
    JsonNode existing = parent.get(key);
    ObjectNode texts =
        existing instanceof ObjectNode object ? object.deepCopy() : JSON.createObjectNode();
    for (String language : languages) {
      // as typed, with the line breaks a browser sends (CR LF) as the files have them
      String text = form.getOrDefault(prefix + "." + language, "").replace("\r\n", "\n");
      if (text.isBlank()) {
        texts.remove(language);
      } else {
        texts.put(language, text);
      }
    }
    if (texts.isEmpty()) {
      parent.remove(key);
    } else if (existing != null
        && existing.isString()
        && texts.size() == 1
        && texts.has(languages.get(0))) {
      parent.put(key, texts.get(languages.get(0)).asString());
    } else {
      parent.set(key, texts);
    }
  }

  private void highlights(ObjectNode week, Map<String, String> form) {
    ArrayNode kept = JSON.createArrayNode();
    JsonNode highlights = week.path("highlights");
    for (int i = 0; i < highlights.size(); i++) {
      if (form.containsKey("highlights." + i + ".remove")) {
        continue;
      }
      ObjectNode highlight = (ObjectNode) highlights.get(i).deepCopy();
      for (String text : HIGHLIGHT_TEXTS) {
        putTexts(highlight, text, "highlights." + i + "." + text, form);
      }
      kept.add(highlight);
    }
    ObjectNode added = JSON.createObjectNode();
    for (String text : HIGHLIGHT_TEXTS) {
      putTexts(added, text, "highlights.new." + text, form);
    }
    if (!added.isEmpty()) {
      kept.add(added);
    }
    if (kept.isEmpty()) {
      week.remove("highlights");
    } else {
      week.set("highlights", kept);
    }
  }

  private void notes(ObjectNode week, Map<String, String> form) {
    ArrayNode kept = JSON.createArrayNode();
    JsonNode notes = week.path("notes");
    for (int i = 0; i < notes.size(); i++) {
      ObjectNode holder = JSON.createObjectNode();
      holder.set("note", notes.get(i).deepCopy());
      putTexts(holder, "note", "notes." + i, form);
      if (holder.has("note")) {
        kept.add(holder.get("note"));
      }
    }
    ObjectNode holder = JSON.createObjectNode();
    putTexts(holder, "note", "notes.new", form);
    if (holder.has("note")) {
      kept.add(holder.get("note"));
    }
    if (kept.isEmpty()) {
      week.remove("notes");
    } else {
      week.set("notes", kept);
    }
  }

  private static void removeAdvisories(ObjectNode week, Map<String, String> form) {
    JsonNode advisories = week.path("advisories");
    if (!advisories.isArray()) {
      return;
    }
    ArrayNode kept = JSON.createArrayNode();
    for (int i = 0; i < advisories.size(); i++) {
      if (!form.containsKey("advisories." + i + ".remove")) {
        kept.add(advisories.get(i));
      }
    }
    week.set("advisories", kept);
  }

  /**
   * The field a problem at {@code pointer} belongs to: {@code /tallies/incidents/value} is the
   * field {@code tallies.incidents}, {@code /tallies/incidents/breakdown} the breakdown as a whole.
   */
  static String field(String pointer) {
    String name = pointer.startsWith("/") ? pointer.substring(1).replace('/', '.') : pointer;
    if (name.startsWith("tallies.") && name.endsWith(".value")) {
      name = name.substring(0, name.length() - ".value".length());
    }
    return name;
  }
}
