package org.certbulletin.model;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The CERT that publishes the bulletin. */
public record Issuer(
    String name, String shortName, String title, Contact contact, Optional<String> logo, ZoneId zone, Locale language) {

  public Issuer {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(shortName, "shortName == null");
    Objects.requireNonNull(title, "title == null");
    Objects.requireNonNull(contact, "contact == null");
    Objects.requireNonNull(logo, "logo == null");
    Objects.requireNonNull(zone, "zone == null");
    Objects.requireNonNull(language, "language == null");
  }
}
