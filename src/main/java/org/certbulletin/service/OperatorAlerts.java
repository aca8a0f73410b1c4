package org.certbulletin.service;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.mail.SmtpSender;
import org.certbulletin.model.Config;
import org.certbulletin.model.SmtpSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operators (config {@code operators}) that a scheduled run failed, by email when SMTP is
 * configured. A failure to alert is logged, never thrown: the run's own failure is already
 * recorded.
 */
final class OperatorAlerts {

  private static final Logger log = LoggerFactory.getLogger(OperatorAlerts.class);

  private final Optional<SmtpSettings> smtp;
  private final List<String> operators;
  private final String issuer;
  private final Map<String, String> environment;

  OperatorAlerts(Config config, Map<String, String> environment) {
    this(config.smtp(), config, environment);
  }

  private OperatorAlerts(
      Optional<SmtpSettings> smtp, Config config, Map<String, String> environment) {
    this.smtp = smtp;
    this.operators = config.operators();
    this.issuer = config.issuer().shortName();
    this.environment = environment;
  }

  /** Alerts that are logged and never emailed, for a rehearsal, which sends nothing. */
  static OperatorAlerts loggedOnly(Config config) {
    return new OperatorAlerts(Optional.empty(), config, Map.of());
  }

  /** Sends an alert; returns true if it was sent. */
  boolean alert(String subject, String body) {
    if (smtp.isEmpty() || operators.isEmpty()) {
      log.debug("no SMTP settings or operators configured; alert not emailed: {}", subject);
      return false;
    }
    try (SmtpSender sender = new SmtpSender(smtp.get(), environment)) {
      MimeMessage message = new MimeMessage(sender.session());
      message.setFrom(
          new InternetAddress(
              smtp.get().from(),
              smtp.get().fromName().orElse(issuer + " cert-bulletin"),
              StandardCharsets.UTF_8.name()));
      for (String operator : operators) {
        message.addRecipient(MimeMessage.RecipientType.TO, new InternetAddress(operator, true));
      }
      message.setSubject(
          "[cert-bulletin " + issuer + "] " + subject.replaceAll("[\\r\\n]+", " "), "UTF-8");
      message.setText(body, "UTF-8");
      message.setSentDate(new Date());
      message.setHeader("Auto-Submitted", "auto-generated");
      sender.send(message);
      log.info("alerted {} operator(s): {}", operators.size(), subject);
      return true;
    } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
      log.error("could not email the operators about \"{}\": {}", subject, e.getMessage());
      return false;
    }
  }
}
