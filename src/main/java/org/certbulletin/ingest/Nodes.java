package org.certbulletin.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Reads members of a JSON object whose shape the schema has already checked. */
final class Nodes {

  private Nodes() {
  }

  static String text(JsonNode node, String name) {
    return node.get(name).asString();
  }

  static Optional<String> optionalText(JsonNode node, String name) {
    JsonNode member = node.get(name);
    return member == null || member.isNull() ? Optional.empty() : Optional.of(member.asString());
  }

  static boolean flag(JsonNode node, String name) {
    JsonNode member = node.get(name);
    return member != null && member.asBoolean();
  }

  static List<String> texts(JsonNode node, String name) {
    List<String> values = new ArrayList<>();
    node.path(name).forEach(n -> values.add(n.asString()));
    return values;
  }
}
