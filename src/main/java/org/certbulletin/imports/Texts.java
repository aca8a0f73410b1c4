package org.certbulletin.imports;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Turns the long texts of published advisories into the short ones a bulletin carries. */
final class Texts {

  /** A summary longer than this is cut at a sentence end: a bulletin lists, it does not copy. */
  static final int SUMMARY_LENGTH = 600;

  static final int LINE_LENGTH = 300;

  private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  /** Cisco-style link annotations: {@code text ["https://..."]}. */
  private static final Pattern LINK_NOTE = Pattern.compile("\\s*\\[\"[^\"\\]]*\"\\]");

  private static final Pattern UNPRINTABLE =
      Pattern.compile(
          "[\\u0000-\\u001f\\u007f-\\u009f\\u200b\\u2028\\u2029\\u202a-\\u202e"
              + "\\u2060\\u2066-\\u2069\\ufeff]");

  private Texts() {}

  /**
   * The first paragraph of {@code text} on one line, without link annotations, cut to at most
   * {@code max} characters at the last sentence end (or word) before it.
   */
  static String concise(String text, int max) {
    String first =
        PARAGRAPH_BREAK
            .splitAsStream(text.strip())
            .map(Texts::line)
            .filter(p -> !p.isEmpty())
            .findFirst()
            .orElse("");
    return cut(first, max);
  }

  /** {@code text} as one line: link annotations and invisible characters gone, spaces joined. */
  static String line(String text) {
    String plain = LINK_NOTE.matcher(text).replaceAll("");
    plain = UNPRINTABLE.matcher(plain).replaceAll(" ");
    return SPACES.matcher(plain).replaceAll(" ").strip();
  }

  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    String head = text.substring(0, max - 1);
    int sentence = Math.max(head.lastIndexOf(". "), head.lastIndexOf("。"));
    if (sentence > max / 3) {
      return head.substring(0, sentence + 1);
    }
    int space = head.lastIndexOf(' ');
    return (space > max / 3 ? head.substring(0, space) : head).stripTrailing() + "…";
  }

  /**
   * At most {@code count} of the sentences {@code lines}, joined within {@code max} characters;
   * those left out are counted in a last sentence ("2 more in the source advisory."), so that a
   * reader knows there are more.
   */
  static String sentences(List<String> lines, int count, int max) {
    StringBuilder text = new StringBuilder();
    int shown = 0;
    for (String line : lines) {
      int after = lines.size() - shown - 1;
      String more = after == 0 ? "" : more(after);
      String next = (shown == 0 ? "" : " ") + line;
      if (shown > 0 && (shown >= count || text.length() + next.length() + more.length() > max)) {
        break;
      }
      text.append(
          shown == 0 && next.length() + more.length() > max
              ? cut(line, max - more.length())
              : next);
      shown++;
    }
    return shown < lines.size() ? text + more(lines.size() - shown) : text.toString();
  }

  private static String more(int count) {
    return String.format(Locale.ROOT, " %d more in the source advisory.", count);
  }

  /**
   * {@code items} joined by commas within {@code max} characters; what does not fit is counted
   * ("and 12 more").
   */
  static String joined(Collection<String> items, int max) {
    List<String> list = List.copyOf(items);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < list.size(); i++) {
      String rest = String.format(Locale.ROOT, " and %d more", list.size() - i);
      String next = (text.length() == 0 ? "" : ", ") + list.get(i);
      boolean last = i == list.size() - 1;
      if (text.length() + next.length() + (last ? 0 : rest.length()) > max) {
        if (text.length() == 0) {
          return cut(list.get(i), max);
        }
        return text + rest;
      }
      text.append(next);
    }
    return text.toString();
  }
}
