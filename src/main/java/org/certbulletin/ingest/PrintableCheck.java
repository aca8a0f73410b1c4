package org.certbulletin.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.certbulletin.model.Problem;
import org.certbulletin.render.PrintableText;
import tools.jackson.databind.JsonNode;

/**
 * Finds text the PDF cannot print: a character that no font shipped in the build has (an emoji, a
 * private-use character, a script without a font) would otherwise be drawn as '#' without a word.
 */
final class PrintableCheck {

  private PrintableCheck() {}

  /**
   * A problem for each character that cannot be printed of a string under {@code pointer} that the
   * schema accepted (one it rejected is reported for that).
   */
  static List<Problem> check(CheckedDocument document, String pointer) {
    List<Problem> problems = new ArrayList<>();
    walk(document, document.raw(pointer), pointer, problems);
    return problems;
  }

  private static void walk(
      CheckedDocument document, JsonNode node, String pointer, List<Problem> problems) {
    if (document.rejectedAround(pointer)) {
      return;
    }
    if (node.isString()) {
      for (int c : PrintableText.unprintable(node.asString())) {
        problems.add(document.problem(pointer, PrintableText.problem(c)));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(document, node.get(i), pointer + "/" + i, problems);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        String key = member.getKey().replace("~", "~0").replace("/", "~1");
        walk(document, member.getValue(), pointer + "/" + key, problems);
      }
    }
  }
}
