package org.certbulletin.service;

import java.util.List;
import java.util.regex.Pattern;
import org.certbulletin.model.Location;
import org.certbulletin.model.PrintableMessage;
import org.certbulletin.model.Problem;

/** The rule for the names of users and tokens, and the problems the service reports. */
final class AccountNames {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private AccountNames() {}

  /**
   * {@code name}, if it is 1 to 64 letters, digits, dots, underscores and hyphens.
   *
   * @param what {@code user} or {@code token}
   * @throws ServiceFailure.BadInput otherwise
   */
  static String check(String what, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw badInput(
          "/" + what,
          "a "
              + what
              + " name is 1 to 64 letters (A-Z, a-z), digits, '.', '_' or '-'"
              + (name == null ? "" : "; not " + PrintableMessage.of("\"" + cut(name) + "\"")));
    }
    return name;
  }

  /** Whether {@code name} follows the rule. */
  static boolean valid(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** Bad input about the request's field at {@code pointer}. */
  static ServiceFailure.BadInput badInput(String pointer, String message) {
    return new ServiceFailure.BadInput(
        message, List.of(new Problem("request", Location.START, pointer, message)));
  }

  private static String cut(String name) {
    return name.length() <= 80 ? name : name.substring(0, 80) + "...";
  }
}
