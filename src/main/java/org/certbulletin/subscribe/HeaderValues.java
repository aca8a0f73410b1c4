package org.certbulletin.subscribe;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Header values of an untrusted message, bounded and made printable: unfolded, control characters
 * dropped, runs of white space made one space, cut at a length; addresses checked before they are
 * kept.
 */
final class HeaderValues {

  /** The longest header value kept (the line limit of RFC 5322). */
  static final int MAX_VALUE = 998;

  /** The longest address kept. */
  static final int MAX_ADDRESS = 320;

  /** The most addresses kept of one header. */
  static final int MAX_ADDRESSES = 20;

  /** The longest Message-ID kept as one (the state database's column). */
  static final int MAX_MESSAGE_ID = 200;

  private HeaderValues() {}

  /** {@code raw} (may be null) unfolded, printable and at most {@code max} characters long. */
  static Optional<String> clean(String raw, int max) {
    if (raw == null) {
      return Optional.empty();
    }
    String bounded = raw.length() > 4 * MAX_VALUE ? raw.substring(0, 4 * MAX_VALUE) : raw;
    StringBuilder clean = new StringBuilder(Math.min(bounded.length(), max));
    boolean space = false;
    for (int i = 0; i < bounded.length() && clean.length() < max; i++) {
      char c = bounded.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        space = clean.length() > 0;
        continue;
      }
      if (Character.getType(c) == Character.FORMAT) {
        // bidirectional overrides and the like: they would reorder what a terminal shows
        continue;
      }
      if (space) {
        clean.append(' ');
        space = false;
        if (clean.length() >= max) {
          break;
        }
      }
      clean.append(c);
    }
    return clean.length() == 0 ? Optional.empty() : Optional.of(clean.toString());
  }

  /** The addresses of a header value such as {@code To}, each checked; at most a few. */
  static List<String> addresses(String raw) {
    List<String> found = new ArrayList<>();
    Optional<String> value = clean(raw == null ? null : MimeUtility.unfold(raw), 4 * MAX_VALUE);
    if (value.isEmpty()) {
      return found;
    }
    InternetAddress[] parsed;
    try {
      parsed = InternetAddress.parseHeader(value.get(), false);
    } catch (AddressException e) {
      return found;
    }
    for (InternetAddress address : parsed) {
      if (found.size() == MAX_ADDRESSES) {
        break;
      }
      address(address.getAddress()).ifPresent(found::add);
    }
    return found;
  }

  /** {@code raw} as a bare address, if it looks like one: {@code local@domain}, no spaces. */
  static Optional<String> address(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String address = raw.strip();
    if (address.startsWith("<") && address.endsWith(">")) {
      address = address.substring(1, address.length() - 1).strip();
    }
    int at = address.lastIndexOf('@');
    if (address.isEmpty()
        || address.length() > MAX_ADDRESS
        || at < 1
        || at == address.length() - 1
        || address.chars().anyMatch(c -> c <= 0x20 || c == 0x7f || c == '<' || c == '>')) {
      return Optional.empty();
    }
    return Optional.of(address);
  }

  /**
   * The address of an address-typed DSN field ({@code rfc822; user@example.org}), if its type is an
   * Internet one ({@code rfc822}, or {@code utf-8} of RFC 6533).
   */
  static Optional<String> typedAddress(String raw) {
    Optional<String> value = clean(raw, MAX_VALUE);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    int semicolon = value.get().indexOf(';');
    if (semicolon < 0) {
      return Optional.empty();
    }
    String type = value.get().substring(0, semicolon).strip().toLowerCase(Locale.ROOT);
    if (!type.equals("rfc822") && !type.equals("utf-8")) {
      return Optional.empty();
    }
    return address(value.get().substring(semicolon + 1));
  }

  /** A Message-ID without its angle brackets, if it is one: printable, no spaces, bounded. */
  static Optional<String> messageId(String raw) {
    Optional<String> value = clean(raw, MAX_VALUE);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String id = value.get();
    if (id.startsWith("<") && id.indexOf('>') > 0) {
      id = id.substring(1, id.indexOf('>'));
    }
    if (id.isEmpty()
        || id.length() > MAX_MESSAGE_ID - 2
        || id.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f || c == '<' || c == '>')) {
      return Optional.empty();
    }
    return Optional.of(id);
  }
}
