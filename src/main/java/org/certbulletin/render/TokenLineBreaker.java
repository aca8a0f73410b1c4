package org.certbulletin.render;

import com.openhtmltopdf.extend.FSTextBreaker;
import java.text.BreakIterator;
import java.util.Arrays;
import java.util.Locale;

/**
 * Line breaks for the PDF that keep ids, dates, versions and addresses whole. The JDK's rules,
 * which the PDF renderer uses by default, break after any hyphen ({@code 2024-12-} / {@code 01},
 * {@code CVE-} / {@code 2024-43767}) and after a dot ({@code source.} / {@code android.com}).
 * Inside a run of Latin, Greek or Cyrillic text without spaces this breaks only after a {@code /},
 * {@code ?} or {@code &} (not between the two slashes of {@code https://}) and at a hyphen between
 * two letters ({@code out-of-bounds}); a token with none of these breaks nowhere, unless it is
 * wider than its line, where the renderer cuts it as {@code word-wrap: break-word} says. Elsewhere
 * (after a space, in Chinese, in Thai) the JDK's rules stand.
 */
final class TokenLineBreaker implements FSTextBreaker {

  /** Below this code point are the scripts that separate words with spaces. */
  private static final int SPACED_SCRIPTS_END = 0x0590;

  private static final String BREAK_AFTER = "/?&";

  private final BreakIterator jdk;
  private int[] breaks = new int[0];
  private int next;

  TokenLineBreaker(Locale locale) {
    this.jdk = BreakIterator.getLineInstance(locale);
  }

  @Override
  public void setText(String text) {
    breaks = breaks(text, jdk);
    next = 0;
  }

  @Override
  public int next() {
    return next < breaks.length ? breaks[next++] : BreakIterator.DONE;
  }

  /** The positions at which {@code text} may break, in order; its end is the last. */
  static int[] breaks(String text, BreakIterator jdk) {
    jdk.setText(text);
    boolean[] allowed = new boolean[text.length() + 1];
    for (int b = jdk.next(); b != BreakIterator.DONE; b = jdk.next()) {
      allowed[b] = true;
    }
    for (int i = 1; i < text.length(); i++) {
      char before = text.charAt(i - 1);
      char after = text.charAt(i);
      if (insideSpacedToken(before, after)) {
        allowed[i] = breaksInsideToken(text, i);
      }
    }
    allowed[text.length()] = true;
    int[] positions = new int[text.length() + 1];
    int count = 0;
    for (int i = 1; i <= text.length(); i++) {
      if (allowed[i]) {
        positions[count++] = i;
      }
    }
    return Arrays.copyOf(positions, count);
  }

  private static boolean insideSpacedToken(char before, char after) {
    return before < SPACED_SCRIPTS_END
        && after < SPACED_SCRIPTS_END
        && !Character.isWhitespace(before)
        && !Character.isWhitespace(after);
  }

  private static boolean breaksInsideToken(String text, int i) {
    char before = text.charAt(i - 1);
    char after = text.charAt(i);
    if (BREAK_AFTER.indexOf(before) >= 0) {
      return BREAK_AFTER.indexOf(after) < 0;
    }
    return before == '-'
        && i >= 2
        && Character.isLetter(text.charAt(i - 2))
        && Character.isLetter(after);
  }
}
