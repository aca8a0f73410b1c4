package org.certbulletin.mail;

import jakarta.mail.Session;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The recipients of a list who get one and the same message body: one edition (language, format and
 * choice), rendered and signed once for all of them.
 *
 * @param language the edition's language (a BCP 47 tag), recorded in the ledger for each of them
 * @param messages the edition's messages in a sender's session
 */
public record EditionGroup(
    String language,
    ListEdition edition,
    Function<Session, MessageFactory> messages,
    List<String> recipients) {

  public EditionGroup {
    Objects.requireNonNull(language, "language == null");
    Objects.requireNonNull(edition, "edition == null");
    Objects.requireNonNull(messages, "messages == null");
    recipients = List.copyOf(recipients);
  }
}
