package org.certbulletin.ingest;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.certbulletin.model.Issue;
import org.certbulletin.model.WeekId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The file an analyst starts a week from, made from the week before it: the same members in the
 * same order, every figure at zero (each tally with its breakdown and subsets, each partner's
 * cases), no highlights, advisories or notes, the situation's rating without its text, and no
 * {@code sample} mark. Tallies are copied as the source has them, whatever their names, so the file
 * keeps the shape the analyst fills in.
 */
public final class NextWeekDocument {

  /** How a publication time is written: with seconds and the offset, as the sample writes it. */
  public static final DateTimeFormatter PUBLISHED =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private NextWeekDocument() {}

  /** The issue of a checked week document. */
  public static Issue issue(JsonNode week) {
    JsonNode issue = week.get("issue");
    JsonNode total = issue.get("total");
    return new Issue(
        issue.get("volume").intValue(),
        issue.get("number").intValue(),
        total == null ? OptionalInt.empty() : OptionalInt.of(total.intValue()));
  }

  /** The situation's rating in a checked week document; empty if it has no situation. */
  public static Optional<String> rating(JsonNode week) {
    JsonNode rating = week.path("situation").path("rating");
    return rating.isString() ? Optional.of(rating.asString()) : Optional.empty();
  }

  /** The publication time of a checked week document. */
  public static OffsetDateTime published(JsonNode week) {
    return OffsetDateTime.parse(week.get("published").asString());
  }

  /**
   * The document of {@code week}, made from the checked document {@code source} of an earlier week,
   * with {@code issue} and {@code published}.
   */
  public static ObjectNode from(
      JsonNode source, WeekId week, Issue issue, OffsetDateTime published) {
    ObjectNode next = NODES.objectNode();
    for (Map.Entry<String, JsonNode> member : source.properties()) {
      String name = member.getKey();
      JsonNode value = member.getValue();
      switch (name) {
        case "week" -> next.put(name, week.toString());
        case "issue" -> next.set(name, issue(value, issue));
        case "published" -> next.put(name, PUBLISHED.format(published));
        case "sample" -> {
          // sample data is the source's; the analyst's new week is not
        }
        case "situation" -> next.set(name, withoutText(value));
        case "tallies" -> next.set(name, zeroed(value));
        case "partners" -> next.set(name, partners(value));
        case "highlights", "advisories", "notes" -> next.set(name, NODES.arrayNode());
        default -> next.set(name, value.deepCopy());
      }
    }
    return next;
  }

  private static ObjectNode issue(JsonNode source, Issue issue) {
    ObjectNode copy = (ObjectNode) source.deepCopy();
    copy.put("volume", issue.volume());
    copy.put("number", issue.number());
    issue.total().ifPresent(total -> copy.put("total", total));
    return copy;
  }

  private static ObjectNode withoutText(JsonNode situation) {
    ObjectNode copy = (ObjectNode) situation.deepCopy();
    copy.remove("text");
    return copy;
  }

  /** {@code node} with every number in it 0, and everything else as it is. */
  private static JsonNode zeroed(JsonNode node) {
    if (node.isNumber()) {
      return NODES.numberNode(0);
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = NODES.objectNode();
      object.properties().forEach(e -> copy.set(e.getKey(), zeroed(e.getValue())));
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = NODES.arrayNode();
      array.forEach(element -> copy.add(zeroed(element)));
      return copy;
    }
    return node.deepCopy();
  }

  private static ArrayNode partners(JsonNode source) {
    ArrayNode partners = NODES.arrayNode();
    for (JsonNode partner : source) {
      ObjectNode copy = (ObjectNode) partner.deepCopy();
      copy.put("cases", 0);
      partners.add(copy);
    }
    return partners;
  }
}
