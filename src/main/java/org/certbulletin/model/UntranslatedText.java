package org.certbulletin.model;

import java.util.Locale;
import java.util.Objects;

/**
 * A text that the edition in {@code edition} prints in another language, and where it is written: a
 * warning, not an error, since the edition can still be built.
 */
public record UntranslatedText(Locale edition, Problem place) {

  public UntranslatedText {
    Objects.requireNonNull(edition, "edition == null");
    Objects.requireNonNull(place, "place == null");
  }

  /** The warning as {@code validate} prints it. */
  @Override
  public String toString() {
    return "warning: " + place;
  }
}
