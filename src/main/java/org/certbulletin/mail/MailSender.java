package org.certbulletin.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** Delivers messages one at a time: to an SMTP server, or to files in an outbox. */
public interface MailSender extends AutoCloseable {

  /**
   * Delivers {@code message} to its recipients.
   *
   * @return what the other side said: the SMTP server's reply, or the file written
   * @throws MessagingException if it was not accepted
   */
  String send(MimeMessage message) throws MessagingException;

  /** The session messages for this sender are created in. */
  Session session();

  @Override
  void close();
}
