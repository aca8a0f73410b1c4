package org.certbulletin.testing;

import java.util.List;

/** One rule axe-core found broken on a page, with where and how to fix it. */
public record AxeViolation(
    String rule, String impact, String help, String helpUrl, List<Node> nodes) {

  public AxeViolation {
    nodes = List.copyOf(nodes);
  }

  /** One element that breaks the rule: its CSS selector and axe's summary of what to fix. */
  public record Node(String target, String html, String failureSummary) {}

  @Override
  public String toString() {
    StringBuilder text =
        new StringBuilder()
            .append(rule)
            .append(" (")
            .append(impact)
            .append("): ")
            .append(help)
            .append(" <")
            .append(helpUrl)
            .append('>');
    for (Node node : nodes) {
      text.append("\n    at ")
          .append(node.target())
          .append("  ")
          .append(node.html().length() > 160 ? node.html().substring(0, 160) + "..." : node.html())
          .append("\n      ")
          .append(node.failureSummary().replace("\n", "\n      "));
    }
    return text.toString();
  }
}
