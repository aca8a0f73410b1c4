package org.certbulletin.docs;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Heading anchors as GitHub makes them (github-slugger): the heading's text in lower case, each
 * space a '-', every character that is not a letter, digit, mark, '-' or '_' dropped (letters of
 * any script are kept); a repeated slug gets -1, -2... Used for the site's ids and by the link
 * checker.
 */
final class Slugs {

  private final Map<String, Integer> seen = new HashMap<>();

  /** The anchor of the next heading with this text in the same document. */
  String next(String headingText) {
    String base = slug(headingText);
    Integer count = seen.get(base);
    String slug = base;
    if (count != null) {
      int n = count;
      do {
        n++;
        slug = base + "-" + n;
      } while (seen.containsKey(slug));
      seen.put(base, n);
    }
    seen.putIfAbsent(slug, 0);
    return slug;
  }

  /** The slug of one heading text, without the numbering of repeated headings. */
  static String slug(String text) {
    StringBuilder slug = new StringBuilder();
    text.toLowerCase(Locale.ROOT)
        .codePoints()
        .forEach(
            c -> {
              if (c == ' ') {
                slug.append('-');
              } else if (kept(c)) {
                slug.appendCodePoint(c);
              }
            });
    return slug.toString();
  }

  private static boolean kept(int c) {
    if (c == '-' || c == '_' || Character.isLetterOrDigit(c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.CONNECTOR_PUNCTUATION;
  }
}
