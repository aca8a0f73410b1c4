package org.certbulletin.mail;

import java.util.Locale;

/** Keeps recipients' addresses out of log lines above debug: personal data stays in the ledger. */
final class Addresses {

  private Addresses() {}

  /**
   * {@code text} (a server's reply, an error) with every spelling of {@code address} replaced by
   * {@code (the recipient)}: servers often quote the address they refuse.
   */
  static String hidden(String text, String address) {
    if (text == null || address == null || address.isEmpty()) {
      return text;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    String needle = address.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    for (int at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
      out.append(text, from, at).append("(the recipient)");
      from = at + needle.length();
    }
    return out.append(text, from, text.length()).toString();
  }
}
