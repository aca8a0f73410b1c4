package org.certbulletin.mail;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.certbulletin.model.EmailAddress;
import org.certbulletin.subscribe.ReturnPath;
import org.certbulletin.subscribe.Token;
import org.certbulletin.subscribe.TokenSeal;

/**
 * What differs between the messages of a list besides the recipient, and is made for each delivery:
 * the product's own {@code List-Unsubscribe} (a sealed link to the server's {@code
 * subscriptions/unsubscribe} page, and the bounce mailbox's {@code mailto:} tagged with the
 * delivery's id), and the envelope sender (VERP: the bounce mailbox's address tagged with the
 * delivery's id). They are headers and the envelope, outside the OpenPGP-signed body.
 */
public final class SubscriberHeaders {

  /** How long a mail's unsubscribe link works. */
  public static final Duration LINK_LIFETIME = Duration.ofDays(400);

  /** No link of the product's own, no return path of its own. */
  public static final SubscriberHeaders NONE =
      new SubscriberHeaders("none", Optional.empty(), Optional.empty(), Clock.systemUTC());

  /** The product's unsubscribe page, and the seal of its links. */
  public record Unsubscribe(URI publicUrl, TokenSeal seal) {

    public Unsubscribe {
      Objects.requireNonNull(publicUrl, "publicUrl == null");
      Objects.requireNonNull(seal, "seal == null");
    }
  }

  private final String list;
  private final Optional<Unsubscribe> unsubscribe;
  private final Optional<ReturnPath> returnPath;
  private final Clock clock;

  /**
   * @param list the list's name, sealed into each link
   * @param unsubscribe the product's unsubscribe page; empty when the list has a link of its own or
   *     the server has no public address
   * @param returnPath the bounce mailbox's addresses; empty without {@code bounces}
   */
  public SubscriberHeaders(
      String list,
      Optional<Unsubscribe> unsubscribe,
      Optional<ReturnPath> returnPath,
      Clock clock) {
    this.list = list;
    this.unsubscribe = unsubscribe;
    this.returnPath = returnPath;
    this.clock = clock;
  }

  /** The envelope sender of delivery {@code delivery}: its own bounce address. */
  Optional<String> envelopeSender(long delivery) {
    return returnPath.map(r -> r.address(ReturnPath.Kind.BOUNCE, delivery));
  }

  /**
   * The {@code List-Unsubscribe} value for {@code recipient} in delivery {@code delivery}: the
   * sealed link, then the tagged {@code mailto:} when bounces come back.
   */
  Optional<String> listUnsubscribe(String recipient, long delivery) {
    if (unsubscribe.isEmpty()) {
      return Optional.empty();
    }
    TokenSeal seal = unsubscribe.get().seal();
    String token =
        seal.seal(
            seal.issue(
                Token.Purpose.UNSUBSCRIBE,
                list,
                EmailAddress.normalise(recipient),
                clock.instant().plus(LINK_LIFETIME)));
    StringBuilder value =
        new StringBuilder("<")
            .append(unsubscribe.get().publicUrl())
            .append("subscriptions/unsubscribe?t=")
            .append(token)
            .append('>');
    returnPath.ifPresent(
        r ->
            value
                .append(", <mailto:")
                .append(r.address(ReturnPath.Kind.UNSUBSCRIBE, delivery))
                .append("?subject=unsubscribe>"));
    return Optional.of(value.toString());
  }

  /** Whether the link takes a one-click POST (RFC 8058 asks for https). */
  boolean oneClick() {
    return unsubscribe.map(u -> "https".equalsIgnoreCase(u.publicUrl().getScheme())).orElse(false);
  }
}
