package org.certbulletin.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text alternative of a trend chart, written from its data in the edition's language: for each
 * line whether it rose, fell or stayed level from its first known week to its last, and which weeks
 * have no data.
 */
final class ChartText {

  private final Messages messages;
  private final Formats formats;

  ChartText(Messages messages, Formats formats) {
    this.messages = messages;
    this.formats = formats;
  }

  /**
   * One clause per line, joined in the edition's way ({@code "incidents handled rose from 118 in
   * W44 to 146 in W51; ..."}).
   *
   * @param weeks the x-axis labels, one per value of each line
   */
  String trend(List<String> weeks, List<Charts.Line> lines) {
    List<String> clauses = new ArrayList<>();
    for (Charts.Line line : lines) {
      if (line.values().size() != weeks.size()) {
        throw new IllegalArgumentException(
            "line '" + line.name() + "' has " + line.values().size() + " values for " + weeks);
      }
      clauses.add(clause(inSentence(line.name(), messages.locale()), weeks, line.values()));
    }
    return String.join(messages.get("chart.alt.join"), clauses);
  }

  /**
   * A label as written inside a sentence: its first letter in lower case ("Phishing" becomes
   * "phishing"), unless its first word is an acronym ("DDoS", "CVE"), which keeps its capitals.
   */
  static String inSentence(String label, Locale locale) {
    String word = label.split("[\\s-]", 2)[0];
    if (word.length() > 1 && word.substring(1).chars().anyMatch(Character::isUpperCase)) {
      return label;
    }
    int first = label.isEmpty() ? 0 : Character.charCount(label.codePointAt(0));
    return label.substring(0, first).toLowerCase(locale) + label.substring(first);
  }

  private String clause(String name, List<String> weeks, List<Long> values) {
    int first = -1;
    int last = -1;
    List<String> gaps = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        gaps.add(weeks.get(i));
      } else {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    if (first < 0) {
      return messages.format("chart.alt.none", name);
    }
    long from = values.get(first);
    long to = values.get(last);
    String text;
    if (first == last) {
      text = messages.format("chart.alt.single", name, formats.number(to), weeks.get(last));
    } else if (from == to) {
      text =
          messages.format(
              "chart.alt.flat", name, formats.number(to), weeks.get(first), weeks.get(last));
    } else {
      text =
          messages.format(
              to > from ? "chart.alt.rose" : "chart.alt.fell",
              name,
              formats.number(from),
              weeks.get(first),
              formats.number(to),
              weeks.get(last));
    }
    return gaps.isEmpty() ? text : messages.format("chart.alt.gaps", text, formats.list(gaps));
  }
}
