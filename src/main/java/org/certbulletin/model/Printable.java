package org.certbulletin.model;

/**
 * Text from untrusted input made safe and short enough to quote in a message: controls shown as
 * '?', cut with "...".
 */
public final class Printable {

  private Printable() {}

  /**
   * {@code text} with control characters replaced and at most {@code max} characters, "..." marking
   * a cut.
   */
  public static String of(String text, int max) {
    if (max < 4) {
      throw new IllegalArgumentException("max < 4: " + max);
    }
    String clean = text.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > max ? clean.substring(0, max - 3) + "..." : clean;
  }
}
