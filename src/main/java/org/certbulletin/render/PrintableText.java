package org.certbulletin.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Tells whether text can be drawn in an edition's PDF: whether a font of each of the edition's font
 * stacks, the same ones its style sheet names, has each character. The PDF renderer would otherwise
 * draw a character no font has as '#'; data with such a character is refused instead, naming it
 * (and a render that meets one anyway fails, see {@link UnprintedTextException}).
 */
public final class PrintableText {

  private PrintableText() {}

  /**
   * The distinct characters of {@code text} that the edition in {@code language} cannot draw, in
   * order.
   */
  public static List<Integer> unprintable(String text, Locale language) {
    FontSet fonts = FontSet.shipped();
    List<Integer> missing = new ArrayList<>();
    text.codePoints()
        .filter(c -> !isInvisible(c) && !fonts.draws(c, language))
        .distinct()
        .forEach(missing::add);
    return missing;
  }

  /**
   * Whether every glyph drawn for {@code text} maps back to its characters, as PDF/A-3a and
   * PDF/UA-1 require: not so for Devanagari, whose conjuncts PDFBox draws as substituted glyphs its
   * ToUnicode map lacks (copied text loses them too; see docs/analyst-guide.md, "Text in every
   * script").
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

  /**
   * The reason {@code codePoint} cannot be printed in some editions only, e.g. "character U+05D0
   * (HEBREW LETTER ALEF) cannot be printed in the zh-CN edition: no font of its font stack has it".
   */
  public static String problem(int codePoint, List<Locale> editions) {
    return "character "
        + describe(codePoint)
        + " cannot be printed in the "
        + editions.stream().map(Locale::toLanguageTag).collect(Collectors.joining(", "))
        + " edition"
        + (editions.size() == 1 ? "" : "s")
        + ": no font of its font stack has it";
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
