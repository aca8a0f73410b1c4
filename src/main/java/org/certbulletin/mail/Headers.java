package org.certbulletin.mail;

/** Checks values before they reach a mail header: a CR or LF there would let text add headers of its own. */
public final class Headers {

  private Headers() {
  }

  /**
   * Returns {@code value} if it is safe in a header.
   *
   * @throws IllegalArgumentException naming the header if the value holds CR, LF or another control character
   */
  public static String safe(String header, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        throw new IllegalArgumentException("refusing a " + header + " header with a control character (a CR or LF"
            + " would let the text inject headers): " + value.replaceAll("\\p{Cntrl}", "\\\\x"));
      }
    }
    return value;
  }
}
