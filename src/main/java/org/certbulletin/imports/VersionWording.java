package org.certbulletin.imports;

import java.util.List;
import java.util.Locale;

/**
 * How a language of the bulletin words version ranges and lists of them, so that an import writes
 * {@code 1.7.0 and earlier} for the English edition and {@code 1.7.0及更早版本} for the Chinese one from
 * the same structure. Chinese is worded as CNCERT's advisories word it; a language without wording
 * of its own is given the English.
 */
final class VersionWording {

  static final VersionWording ENGLISH =
      new VersionWording(
          "before %2$s",
          "%1$s to before %2$s",
          "%2$s and earlier",
          "%1$s through %2$s",
          "every version",
          "%1$s and later",
          ", ",
          ", ",
          "%s and %d more");

  static final VersionWording CHINESE =
      new VersionWording(
          "%2$s之前的版本",
          "%1$s至%2$s之前的版本", "%2$s及更早版本", "%1$s至%2$s版本", "所有版本", "%1$s及更高版本", "、", "和", "%s等，另有%d个");

  private final String before;
  private final String fromBefore;
  private final String through;
  private final String fromThrough;
  private final String every;
  private final String later;
  private final String separator;
  private final String lastSeparator;
  private final String counted;

  private VersionWording(
      String before,
      String fromBefore,
      String through,
      String fromThrough,
      String every,
      String later,
      String separator,
      String lastSeparator,
      String more) {
    this.before = before;
    this.fromBefore = fromBefore;
    this.through = through;
    this.fromThrough = fromThrough;
    this.every = every;
    this.later = later;
    this.separator = separator;
    this.lastSeparator = lastSeparator;
    this.counted = more;
  }

  /** The wording of {@code language}: Chinese for any {@code zh}, else English. */
  static VersionWording of(Locale language) {
    return "zh".equals(language.getLanguage()) ? CHINESE : ENGLISH;
  }

  String range(VersionRange range) {
    String from = range.from();
    String pattern =
        switch (range.kind()) {
          case NAMED -> "%1$s";
          case BEFORE -> from.isEmpty() ? before : fromBefore;
          case THROUGH -> from.isEmpty() ? through : fromThrough;
          case LATER -> from.isEmpty() ? every : later;
        };
    return String.format(Locale.ROOT, pattern, from, range.to());
  }

  /**
   * {@code ranges} worded and listed within {@code max} characters; those that do not fit are
   * counted ("and 12 more", "等，另有12个"), so a reader knows there are more.
   */
  String list(List<VersionRange> ranges, int max) {
    List<String> items = ranges.stream().map(this::range).map(Texts::line).toList();
    String head = "";
    for (int i = 0; i < items.size(); i++) {
      boolean last = i == items.size() - 1;
      String next = head + (i == 0 ? "" : last ? lastSeparator : separator) + items.get(i);
      String shown = last ? next : more(next, items.size() - i - 1);
      if (shown.length() > max) {
        return i == 0 ? Texts.cut(items.get(0), max) : more(head, items.size() - i);
      }
      head = next;
    }
    return head;
  }

  private String more(String head, int count) {
    return String.format(Locale.ROOT, counted, head, count);
  }
}
