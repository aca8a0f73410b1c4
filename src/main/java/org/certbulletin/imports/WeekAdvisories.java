package org.certbulletin.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code advisories} of a week file's tree, as the imports read and change them. */
final class WeekAdvisories {

  private WeekAdvisories() {}

  /** The week's advisories; a week without the member gets it where the week files have it. */
  static ArrayNode of(ObjectNode weekTree) {
    JsonNode advisories = weekTree.get("advisories");
    if (advisories instanceof ArrayNode array) {
      return array;
    }
    String anchor =
        List.of("highlights", "tallies", "situation").stream()
            .filter(weekTree::has)
            .findFirst()
            .orElse(null);
    ObjectNode copy = weekTree.objectNode();
    for (Map.Entry<String, JsonNode> entry : weekTree.properties()) {
      copy.set(entry.getKey(), entry.getValue());
      if (entry.getKey().equals(anchor)) {
        copy.putArray("advisories");
      }
    }
    if (!copy.has("advisories")) {
      copy.putArray("advisories");
    }
    replace(weekTree, copy);
    return (ArrayNode) weekTree.get("advisories");
  }

  /** Gives {@code target} the members of {@code content}, in their order. */
  static void replace(ObjectNode target, ObjectNode content) {
    ObjectNode snapshot = content.deepCopy();
    target.removeAll();
    target.setAll(snapshot);
  }

  /** The CVE ids of an advisory. */
  static List<String> cves(JsonNode advisory) {
    List<String> ids = new ArrayList<>();
    advisory.path("cves").forEach(c -> ids.add(c.asString()));
    return ids;
  }
}
