package org.certbulletin.subscribe;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.certbulletin.model.BounceSettings;

/**
 * The addresses of the bounce mailbox that name one delivery (VERP): the {@code Return-Path} a
 * message is sent with ({@code bounces+d123.5f0c1e9a2b7d@cert.example}), where its bounce comes
 * back, and the {@code mailto:} of its {@code List-Unsubscribe} ({@code
 * bounces+u123.9c4d...@cert.example}). The tag is a keyed digest of the kind and the delivery's id,
 * so a message crafted to bounce or unsubscribe someone else's delivery is told apart: its tag does
 * not match. Lower-case hex, as some servers lower the local part.
 */
public final class ReturnPath {

  /** What an address of the bounce mailbox is for. */
  public enum Kind {
    /** The Return-Path: a bounce of delivery {@code id}. */
    BOUNCE('d'),
    /** The unsubscribe mailto: the recipient of delivery {@code id} leaves the list. */
    UNSUBSCRIBE('u');

    private final char letter;

    Kind(char letter) {
      this.letter = letter;
    }
  }

  /** An address of the bounce mailbox, read back and its tag checked. */
  public record Tagged(Kind kind, long delivery) {}

  private static final int TAG_HEX = 16;

  private final BounceSettings settings;
  private final SecretKeySpec key;
  private final Pattern pattern;

  public ReturnPath(BounceSettings settings, SubscriberKey key) {
    this.settings = settings;
    this.key = new SecretKeySpec(key.derive("return path"), "HmacSHA256");
    this.pattern =
        Pattern.compile(
            Pattern.quote(settings.localPart().toLowerCase(Locale.ROOT))
                + "\\+([du])([0-9]{1,18})\\.([0-9a-f]{"
                + TAG_HEX
                + "})@"
                + Pattern.quote(settings.domain().toLowerCase(Locale.ROOT)));
  }

  /** The address of {@code kind} for delivery {@code delivery} (a ledger row's id). */
  public String address(Kind kind, long delivery) {
    return settings.localPart()
        + "+"
        + kind.letter
        + delivery
        + "."
        + tag(kind, delivery)
        + "@"
        + settings.domain();
  }

  /**
   * What {@code address} names, if it is an address of the bounce mailbox with a tag that matches;
   * empty for any other address, a forged or an altered one.
   */
  public Optional<Tagged> read(String address) {
    if (address == null) {
      return Optional.empty();
    }
    Matcher m = pattern.matcher(address.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    Kind kind = m.group(1).equals("d") ? Kind.BOUNCE : Kind.UNSUBSCRIBE;
    long delivery;
    try {
      delivery = Long.parseLong(m.group(2));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    boolean matches =
        MessageDigest.isEqual(
            tag(kind, delivery).getBytes(StandardCharsets.US_ASCII),
            m.group(3).getBytes(StandardCharsets.US_ASCII));
    return matches ? Optional.of(new Tagged(kind, delivery)) : Optional.empty();
  }

  private String tag(Kind kind, long delivery) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest =
          mac.doFinal((kind.letter + Long.toString(delivery)).getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest).substring(0, TAG_HEX);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
