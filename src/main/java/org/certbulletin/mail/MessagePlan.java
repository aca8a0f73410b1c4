package org.certbulletin.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.util.Objects;
import java.util.Optional;
import org.certbulletin.model.Config;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.SmtpSettings;
import org.simplejavamail.utils.mail.dkim.DkimSigner;

/**
 * The messages of a list's edition before a session to send them through: the edition, the keys
 * that sign (DKIM, OpenPGP) or encrypt them, and the links and return path made per delivery.
 */
public record MessagePlan(
    ListEdition edition,
    Optional<DkimSigner> dkim,
    Optional<MailOpenPgp> openpgp,
    SubscriberHeaders subscriberHeaders) {

  public MessagePlan {
    Objects.requireNonNull(edition, "edition == null");
    Objects.requireNonNull(dkim, "dkim == null");
    Objects.requireNonNull(openpgp, "openpgp == null");
    Objects.requireNonNull(subscriberHeaders, "subscriberHeaders == null");
  }

  /** A plan whose messages carry no unsubscribe link or return path of the product's own. */
  public MessagePlan(
      ListEdition edition, Optional<DkimSigner> dkim, Optional<MailOpenPgp> openpgp) {
    this(edition, dkim, openpgp, SubscriberHeaders.NONE);
  }

  /**
   * The messages built in {@code session}, from the issuer as {@code config} (the configuration in
   * the edition's language) names it: the SMTP {@code from} address, else the issuer's contact, and
   * the configured {@code from_name}, else the issuer's name.
   *
   * @throws InvalidDataException if the sender's address cannot head a message
   */
  public MessageFactory messages(Config config, Session session) {
    String from = config.smtp().map(SmtpSettings::from).orElse(config.issuer().contact().email());
    try {
      return new MessageFactory(
          edition,
          config.issuer(),
          from,
          config.smtp().flatMap(SmtpSettings::fromName),
          session,
          dkim,
          openpgp,
          subscriberHeaders);
    } catch (MessagingException e) {
      throw InvalidDataException.of(
          config.issuer().name(),
          "cannot prepare messages for list '" + edition.list().name() + "': " + e.getMessage());
    }
  }
}
