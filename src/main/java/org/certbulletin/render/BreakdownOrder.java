package org.certbulletin.render;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.certbulletin.model.Severity;
import org.certbulletin.model.TallyDefinition;

/**
 * The order in which a tally's breakdown is shown, the same in its key-figure card, its chart and
 * the chart's text alternative and data table: the largest part first, parts of equal size in the
 * catalogue's order. A breakdown by severity keeps the severity scale's order (critical to low), as
 * readers read a scale from its top and the colours follow it.
 */
final class BreakdownOrder {

  private BreakdownOrder() {}

  /** The parts of {@code breakdown}, a breakdown of {@code tally}, in the order they are shown. */
  static List<Map.Entry<String, Long>> of(TallyDefinition tally, Map<String, Long> breakdown) {
    Comparator<Map.Entry<String, Long>> catalogue =
        Comparator.<Map.Entry<String, Long>>comparingInt(e -> rank(tally, e.getKey()))
            .thenComparing(Map.Entry::getKey);
    Comparator<Map.Entry<String, Long>> order =
        isSeverityScale(breakdown.keySet().stream().toList())
            ? catalogue
            : Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                .reversed()
                .thenComparing(catalogue);
    return breakdown.entrySet().stream().sorted(order).toList();
  }

  /** Whether every key names a severity (critical, high, medium, low...). */
  static boolean isSeverityScale(List<String> keys) {
    return !keys.isEmpty()
        && keys.stream()
            .allMatch(k -> Arrays.stream(Severity.values()).anyMatch(s -> s.code().equals(k)));
  }

  /** The part's place in the catalogue; a part the catalogue does not name comes after. */
  private static int rank(TallyDefinition tally, String key) {
    List<TallyDefinition.Part> parts = tally.breakdown();
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i).key().equals(key)) {
        return i;
      }
    }
    if (isSeverityScale(List.of(key))) {
      return parts.size() + List.of(Severity.values()).indexOf(Severity.fromCode(key));
    }
    return Integer.MAX_VALUE;
  }
}
