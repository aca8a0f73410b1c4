package org.certbulletin.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One address a list's edition goes to, with what it chose: the list's recipients from {@code
 * config.json} and its recipients file choose nothing (the list's language and format, the whole
 * edition); a subscriber may choose all three.
 *
 * @param address the normalised address
 * @param language absent: the list's
 * @param format absent: the list's
 */
public record Recipient(
    String address,
    Optional<Locale> language,
    Optional<DistributionList.Format> format,
    Preferences preferences) {

  public Recipient {
    Objects.requireNonNull(address, "address == null");
    Objects.requireNonNull(language, "language == null");
    Objects.requireNonNull(format, "format == null");
    Objects.requireNonNull(preferences, "preferences == null");
  }

  /** A recipient who chose nothing. */
  public static Recipient of(String address) {
    return new Recipient(address, Optional.empty(), Optional.empty(), Preferences.EVERYTHING);
  }

  @Override
  public String toString() {
    // addresses stay out of logs above debug
    return "Recipient[" + (preferences.everything() ? "everything" : "chosen") + "]";
  }
}
