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
 * The messages of a list's edition before a session to send them through: the edition and the keys
 * that sign (DKIM, OpenPGP) or encrypt them.
 */
public record MessagePlan(
    ListEdition edition, Optional<DkimSigner> dkim, Optional<MailOpenPgp> openpgp) {

  public MessagePlan {
    Objects.requireNonNull(edition, "edition == null");
    Objects.requireNonNull(dkim, "dkim == null");
    Objects.requireNonNull(openpgp, "openpgp == null");
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
          openpgp);
    } catch (MessagingException e) {
      throw InvalidDataException.of(
          config.issuer().name(),
          "cannot prepare messages for list '" + edition.list().name() + "': " + e.getMessage());
    }
  }
}
