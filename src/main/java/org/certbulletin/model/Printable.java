package org.certbulletin.model;

/**
 * Text from untrusted input made safe and short enough to quote in a message: the characters a
 * terminal would hide or that would reorder the text shown by their code ({@link
 * PrintableMessage}), cut with "...".
 */
public final class Printable {

  private Printable() {}

  /**
   * {@code text} as {@link PrintableMessage#of} shows it, at most {@code max} characters, "..."
   * marking a cut (never inside a character's code).
   */
  public static String of(String text, int max) {
    if (max < 4) {
      throw new IllegalArgumentException("max < 4: " + max);
    }
    String clean = PrintableMessage.of(text);
    if (clean.length() <= max) {
      return clean;
    }
    int cut = max - 3;
    int code = clean.lastIndexOf("U+", cut - 1);
    if (code >= 0) {
      int end = code + 2;
      while (end < clean.length() && end < code + 8 && isHex(clean.charAt(end))) {
        end++;
      }
      if (end > cut) {
        cut = code;
      }
    }
    if (Character.isLowSurrogate(clean.charAt(cut))) {
      cut--;
    }
    return clean.substring(0, cut) + "...";
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
  }
}
