package org.certbulletin.model;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Strict checks of a recipient address: a plain {@code local@domain.tld}, nothing a header could
 * misread.
 */
public final class EmailAddress {

  private static final Pattern LOCAL =
      Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern TLD = Pattern.compile("[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59}");

  private EmailAddress() {}

  /** Why {@code address} is not acceptable, or empty if it is. */
  public static Optional<String> problem(String address) {
    if (address.isEmpty()) {
      return Optional.of("empty address");
    }
    if (address.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return Optional.of("contains control characters");
    }
    if (address.chars().anyMatch(c -> c > 0x7e)) {
      return Optional.of("contains non-ASCII characters; write the domain in its xn-- form");
    }
    if (address.indexOf('<') >= 0 || address.indexOf(' ') >= 0 || address.indexOf(',') >= 0) {
      return Optional.of("write the bare address only, one per line (no name, no <>, no commas)");
    }
    int at = address.lastIndexOf('@');
    if (at < 0) {
      return Optional.of("missing '@'");
    }
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    if (local.isEmpty() || local.length() > 64 || !LOCAL.matcher(local).matches()) {
      return Optional.of("the part before '@' is not valid");
    }
    if (domain.length() > 253 || !domain.contains(".")) {
      return Optional.of("the domain '" + domain + "' is not a full domain name");
    }
    String[] labels = domain.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.of("the domain '" + domain + "' is not valid");
      }
    }
    if (!TLD.matcher(labels[labels.length - 1]).matches()) {
      return Optional.of("the domain '" + domain + "' has no valid top-level domain");
    }
    return Optional.empty();
  }

  /**
   * The address with its domain in lower case: two addresses are the same recipient if these are
   * equal.
   */
  public static String normalise(String address) {
    int at = address.lastIndexOf('@');
    return address.substring(0, at + 1) + address.substring(at + 1).toLowerCase(Locale.ROOT);
  }
}
