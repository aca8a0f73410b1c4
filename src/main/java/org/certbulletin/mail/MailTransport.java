package org.certbulletin.mail;

import java.util.Map;
import org.certbulletin.model.SmtpSettings;

/**
 * Opens the connection messages go out through: the seam between deciding what to send and the
 * wire, where a test can put a sender that fails on cue.
 */
@FunctionalInterface
public interface MailTransport {

  /** The SMTP server of the settings, user and password from {@code environment}. */
  MailTransport SMTP = SmtpSender::new;

  MailSender open(SmtpSettings smtp, Map<String, String> environment);
}
