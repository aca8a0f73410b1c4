package org.certbulletin.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The CERT that publishes the bulletin.
 *
 * @param title the bulletin's title (absent: "Weekly Security Bulletin")
 * @param language the bulletin's language (absent: English)
 */
public record Issuer(
    String name,
    String shortName,
    String title,
    Contact contact,
    Optional<String> logo,
    @JsonProperty("time_zone") ZoneId zone,
    Locale language) {

  public static final String DEFAULT_TITLE = "Weekly Security Bulletin";

  public Issuer {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(shortName, "shortName == null");
    title = title == null ? DEFAULT_TITLE : title;
    Objects.requireNonNull(contact, "contact == null");
    Objects.requireNonNull(logo, "logo == null");
    Objects.requireNonNull(zone, "zone == null");
    language = language == null ? Locale.ENGLISH : language;
  }

  public Issuer withContact(Contact replacement) {
    return new Issuer(name, shortName, title, replacement, logo, zone, language);
  }

  public Issuer withLanguage(Locale replacement) {
    return new Issuer(name, shortName, title, contact, logo, zone, replacement);
  }
}
