package org.certbulletin.imports;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Addresses as messages show them: without the credentials a URL may carry ({@code
 * https://user:password@host/}), which are refused, and never printed, logged or stored.
 */
final class Urls {

  /** A scheme, then anything up to the last '@' before the path: the user information. */
  private static final Pattern USER_INFO =
      Pattern.compile("(?i)^([a-z][a-z0-9+.-]*:[/\\\\]*)[^/?#\\\\]*@");

  private Urls() {}

  /** {@code location} with any user information replaced by {@code ***}. */
  static String shown(String location) {
    return USER_INFO.matcher(location).replaceFirst("$1***@");
  }

  static String shown(URI uri) {
    return shown(uri.toString());
  }

  /** Whether {@code location} carries user information (a user name, a password, a token). */
  static boolean hasCredentials(String location) {
    return USER_INFO.matcher(location).find();
  }

  /**
   * Refuses an address with credentials in it.
   *
   * @throws ImportException naming the address without them
   */
  static void refuseCredentials(String location) {
    if (hasCredentials(location)) {
      throw new ImportException(
          shown(location)
              + ": credentials in URLs are not supported (they would be printed, logged and kept"
              + " in the week file's provenance); refused. Download the document with your"
              + " credentials and give the file's path instead");
    }
  }
}
