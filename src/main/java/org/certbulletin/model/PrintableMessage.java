package org.certbulletin.model;

import java.util.Locale;

/**
 * Text made safe to print on a terminal or in a log: every character that a terminal would not
 * show, or that would change how the text around it reads, is shown as its code point ({@code
 * U+202E}). These are the controls (C0, C1, DEL), the bidirectional controls (U+200E, U+200F,
 * U+202A-U+202E, U+2066-U+2069, U+061C), the other format and invisible characters (zero-width
 * spaces and joiners, the byte order mark, the soft hyphen, tag characters, Hangul fillers), line
 * and paragraph separators, unassigned code points, lone surrogates, and variation selectors with
 * no character before them to vary. A message about a RIGHT-TO-LEFT OVERRIDE then says {@code
 * U+202E} instead of reversing the rest of its line.
 */
public final class PrintableMessage {

  private PrintableMessage() {}

  /** {@code text} on one line: line breaks are shown by their code too. */
  public static String of(String text) {
    return escape(text, false);
  }

  /**
   * {@code text} with its line breaks ({@code \n}, {@code \r\n}) kept, for text that is several
   * lines by design (a stack trace, the output of a command).
   */
  public static String lines(String text) {
    return escape(text, true);
  }

  /** True if {@code text} prints as itself: {@link #of} would not change it. */
  public static boolean isPrintable(String text) {
    return of(text).equals(text);
  }

  private static String escape(String text, boolean keepLines) {
    StringBuilder out = null;
    boolean based = false; // the last character shown can take a variation selector
    int i = 0;
    while (i < text.length()) {
      int c = text.codePointAt(i);
      int next = i + Character.charCount(c);
      boolean lineBreak =
          keepLines
              && (c == '\n' || (c == '\r' && next < text.length() && text.charAt(next) == '\n'));
      boolean hidden = !lineBreak && (isHidden(c) || (isVariationSelector(c) && !based));
      if (hidden && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (hidden) {
          out.append(String.format(Locale.ROOT, "U+%04X", c));
        } else {
          out.appendCodePoint(c);
        }
      }
      based = !hidden && !lineBreak && !isVariationSelector(c) && !Character.isWhitespace(c);
      i = next;
    }
    return out == null ? text : out.toString();
  }

  /** Whether {@code c} is shown by its code wherever it stands. */
  private static boolean isHidden(int c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.UNASSIGNED,
          Character.SURROGATE ->
          true;
      default -> isInvisible(c);
    };
  }

  /**
   * The default-ignorable characters (Unicode's Default_Ignorable_Code_Point) that are not format
   * characters: drawn as nothing at all, so they can hide in a name.
   */
  private static boolean isInvisible(int c) {
    return c == 0x034F // COMBINING GRAPHEME JOINER
        || c == 0x115F
        || c == 0x1160
        || c == 0x3164
        || c == 0xFFA0 // Hangul fillers
        || c == 0x17B4
        || c == 0x17B5; // Khmer inherent vowels
  }

  /**
   * Whether {@code c} selects a variant of the character before it: shown as itself after a
   * character, by its code when alone (at the start, after a space or another selector).
   */
  private static boolean isVariationSelector(int c) {
    return (c >= 0xFE00 && c <= 0xFE0F)
        || (c >= 0xE0100 && c <= 0xE01EF)
        || (c >= 0x180B && c <= 0x180D)
        || c == 0x180F;
  }
}
