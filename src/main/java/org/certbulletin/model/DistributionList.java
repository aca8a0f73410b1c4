package org.certbulletin.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A distribution list: who gets the bulletin by email, and the strictest TLP they may receive.
 *
 * @param description what the list is for (absent: its name)
 * @param recipients addresses given inline (empty when they come from a file)
 * @param recipientsFile a file of addresses inside the data folder
 * @param format absent: HTML
 * @param unsubscribe one-click unsubscribe for lists with public subscribers
 */
public record DistributionList(
    String name,
    String description,
    List<String> recipients,
    Optional<String> recipientsFile,
    Tlp clearance,
    Optional<Locale> language,
    Format format,
    Optional<Unsubscribe> unsubscribe) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  /** What the message body carries besides the PDF. */
  public enum Format {
    HTML,
    TEXT;

    @JsonCreator
    public static Format fromCode(String code) {
      return EnumCodes.parse(Format.class, code, Format::code, "list format");
    }

    @JsonValue
    public String code() {
      return EnumCodes.lowerCase(this);
    }
  }

  /**
   * RFC 8058 one-click unsubscribe: an https URL ({@code {email}} is replaced) and a mailto
   * address.
   */
  public record Unsubscribe(String url, String mailto) {}

  public DistributionList {
    if (!NAME.matcher(Objects.requireNonNull(name, "name == null")).matches()) {
      throw new IllegalArgumentException("not a list name: " + name);
    }
    description = description == null ? name : description;
    recipients = List.copyOf(recipients);
    Objects.requireNonNull(recipientsFile, "recipientsFile == null");
    if (clearance == Tlp.RED) {
      throw new IllegalArgumentException("TLP:RED is never emailed to a list: " + name);
    }
    Objects.requireNonNull(language, "language == null");
    format = format == null ? Format.HTML : format;
    Objects.requireNonNull(unsubscribe, "unsubscribe == null");
  }

  /** The list's language tag in lower case, for paths and headers. */
  public String languageOr(Locale fallback) {
    return language.orElse(fallback).toLanguageTag().toLowerCase(Locale.ROOT);
  }
}
