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
 * @param openpgp how messages are OpenPGP-signed when {@code openpgp} is configured (absent:
 *     PGP/MIME)
 * @param encrypt whether messages are encrypted to the recipients' keys (absent: never)
 * @param keyring the recipients' public keys, a key file inside the data folder
 * @param signup whether readers may ask to join it by themselves (absent: only the operator adds
 *     subscribers)
 */
public record DistributionList(
    String name,
    String description,
    List<String> recipients,
    Optional<String> recipientsFile,
    Tlp clearance,
    Optional<Locale> language,
    Format format,
    Optional<Unsubscribe> unsubscribe,
    Signing openpgp,
    Encryption encrypt,
    Optional<String> keyring,
    Optional<SignupSettings> signup) {

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

  /** How a message is OpenPGP-signed. */
  public enum Signing {
    /** RFC 3156 {@code multipart/signed}: the whole message, attachment included. */
    PGP_MIME,
    /** A clear-signed text body and a detached signature of the PDF: plain-text lists only. */
    INLINE;

    @JsonCreator
    public static Signing fromCode(String code) {
      return EnumCodes.parse(Signing.class, code, Signing::code, "openpgp signing");
    }

    @JsonValue
    public String code() {
      return EnumCodes.lowerCase(this).replace('_', '-');
    }
  }

  /** Whether messages are encrypted to the recipients' OpenPGP keys. */
  public enum Encryption {
    /** Signed only. */
    NEVER,
    /** Encrypted to recipients with a usable key in the keyring, signed only to the others. */
    WHEN_POSSIBLE,
    /** Encrypted to every recipient; one without a usable key is not sent, and is reported. */
    REQUIRED;

    @JsonCreator
    public static Encryption fromCode(String code) {
      return EnumCodes.parse(Encryption.class, code, Encryption::code, "encryption");
    }

    @JsonValue
    public String code() {
      return EnumCodes.lowerCase(this);
    }
  }

  /**
   * RFC 8058 one-click unsubscribe served elsewhere: an https URL ({@code {email}} is replaced) and
   * a mailto address. Without it, a list whose server has a {@code public_url} gets the product's
   * own: the {@code /subscriptions/unsubscribe} page and the bounce mailbox.
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
    openpgp = openpgp == null ? Signing.PGP_MIME : openpgp;
    encrypt = encrypt == null ? Encryption.NEVER : encrypt;
    keyring = keyring == null ? Optional.empty() : keyring;
    signup = signup == null ? Optional.empty() : signup;
  }

  /** Whether a request to join needs an approver's yes: every list above TLP:CLEAR. */
  public boolean vetted() {
    return clearance != Tlp.CLEAR;
  }

  /** This list with its edition in {@code edition}: a reader's own language, say. */
  public DistributionList inLanguage(Locale edition) {
    return new DistributionList(
        name,
        description,
        recipients,
        recipientsFile,
        clearance,
        Optional.of(edition),
        format,
        unsubscribe,
        openpgp,
        encrypt,
        keyring,
        signup);
  }

  /** This list with its messages in {@code chosen}: a subscriber's own format, say. */
  public DistributionList inFormat(Format chosen) {
    return new DistributionList(
        name,
        description,
        recipients,
        recipientsFile,
        clearance,
        language,
        chosen,
        unsubscribe,
        openpgp,
        encrypt,
        keyring,
        signup);
  }

  /** The list's language tag in lower case, for paths and headers. */
  public String languageOr(Locale fallback) {
    return language.orElse(fallback).toLanguageTag().toLowerCase(Locale.ROOT);
  }
}
