package org.certbulletin.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tells whether text can be drawn in the PDF with the fonts shipped in the build. The PDF renderer
 * would otherwise draw a character no font has as '#', silently; data with such a character is
 * refused instead, naming it.
 */
public final class PrintableText {

  private PrintableText() {}

  /** The distinct characters of {@code text} that no shipped font can draw, in order. */
  public static List<Integer> unprintable(String text) {
    FontSet fonts = FontSet.shipped();
    List<Integer> missing = new ArrayList<>();
    text.codePoints()
        .filter(c -> !isInvisible(c) && !fonts.canDraw(c))
        .distinct()
        .forEach(missing::add);
    return missing;
  }

  /**
   * Whether every glyph drawn for {@code text} maps back to its characters, as PDF/A-3a and
   * PDF/UA-1 require: not so for Devanagari, whose conjuncts PDFBox draws as substituted glyphs its
   * ToUnicode map lacks (copied text loses them too; see README, "Text in every script").
   */
  static boolean extractsExactly(String text) {
    return text.codePoints()
        .noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.DEVANAGARI);
  }

  /**
   * The reason {@code codePoint} cannot be printed, e.g. "character U+1F9A0 (MICROBE) cannot be
   * printed: no embedded font has it".
   */
  public static String problem(int codePoint) {
    return "character " + describe(codePoint) + " cannot be printed: no embedded font has it";
  }

  /** {@code codePoint} as "U+1F9A0 (MICROBE)". */
  public static String describe(int codePoint) {
    String name = Character.getName(codePoint);
    String hex = String.format(Locale.ROOT, "U+%04X", codePoint);
    return name == null ? hex + " (unassigned)" : hex + " (" + name + ")";
  }

  /**
   * Whether {@code codePoint} is laid out without a glyph of its own: white space (drawn as a
   * space), a soft hyphen (a hint where a word may break) and format characters such as the zero
   * width joiner, which shape their neighbours and are dropped when no font has them.
   */
  static boolean isInvisible(int codePoint) {
    return Character.isWhitespace(codePoint)
        || Character.isSpaceChar(codePoint)
        || codePoint == 0xAD
        || Character.getType(codePoint) == Character.FORMAT;
  }
}
