package org.certbulletin.mail;

import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.PrintableMessage;

/**
 * Checks values before they reach a mail header: a CR or LF there would let text add headers of its
 * own.
 */
public final class Headers {

  private Headers() {}

  /**
   * Returns {@code value} if it is safe in a header.
   *
   * @throws InvalidDataException naming the header if the value holds CR, LF or another control
   *     character
   */
  public static String safe(String header, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw InvalidDataException.of(
            header + " header",
            "refusing a value with a control character (a CR or LF"
                + " would let the text inject headers): "
                + PrintableMessage.of(value)
                + "; remove it from config.json or the data");
      }
    }
    return value;
  }
}
