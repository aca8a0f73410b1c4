package org.certbulletin.mail;

import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.certbulletin.model.SmtpSettings;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through an SMTP server with Angus Mail, over one connection reused for every message and
 * reopened when the server drops it. User and password come only from the environment ({@code
 * CERT_BULLETIN_SMTP_USER}, {@code CERT_BULLETIN_SMTP_PASSWORD}) and are never logged.
 */
public final class SmtpSender implements MailSender {

  public static final String USER_VARIABLE = "CERT_BULLETIN_SMTP_USER";
  public static final String PASSWORD_VARIABLE = "CERT_BULLETIN_SMTP_PASSWORD";

  private static final Logger log = LoggerFactory.getLogger(SmtpSender.class);

  /**
   * How long after the server's last reply the connection is taken to be open without asking (Angus
   * asks with a NOOP, one more round trip per message); servers wait minutes before closing an idle
   * connection (RFC 5321 4.5.3.2).
   */
  private static final long TRUSTED_NANOS = 1_000_000_000L;

  private final SmtpSettings settings;
  private final Session session;
  private final String envelopeProperty;
  private Transport transport;
  private long lastReply;

  public SmtpSender(SmtpSettings settings, Map<String, String> environment) {
    this.settings = settings;
    Properties properties = new Properties();
    String protocol = settings.security() == SmtpSettings.Security.TLS ? "smtps" : "smtp";
    properties.put("mail.transport.protocol", protocol);
    String prefix = "mail." + protocol + ".";
    this.envelopeProperty = prefix + "from";
    properties.put(prefix + "host", settings.host());
    properties.put(prefix + "port", String.valueOf(settings.port()));
    String timeout = String.valueOf(settings.timeout().toMillis());
    properties.put(prefix + "connectiontimeout", timeout);
    properties.put(prefix + "timeout", timeout);
    properties.put(prefix + "writetimeout", timeout);
    properties.put(prefix + "socketFactory", NoDelaySockets.create());
    properties.put(prefix + "socketFactory.fallback", "false");
    if (settings.security() == SmtpSettings.Security.STARTTLS) {
      properties.put(prefix + "starttls.enable", "true");
      properties.put(prefix + "starttls.required", "true");
    }
    if (settings.security() != SmtpSettings.Security.NONE) {
      properties.put(prefix + "ssl.checkserveridentity", "true");
    }
    Optional<String> user =
        Optional.ofNullable(environment.get(USER_VARIABLE)).filter(u -> !u.isBlank());
    String password = environment.getOrDefault(PASSWORD_VARIABLE, "");
    Authenticator authenticator = null;
    if (user.isPresent()) {
      properties.put(prefix + "auth", "true");
      authenticator =
          new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
              return new PasswordAuthentication(user.get(), password);
            }
          };
    }
    this.session = Session.getInstance(properties, authenticator);
  }

  @Override
  public String send(MimeMessage message) throws MessagingException {
    Transport connected;
    try {
      connected = connected();
    } catch (MessagingException e) {
      throw new NotConnected(e);
    }
    // the envelope sender (MAIL FROM) is read from the session's properties at each message; one
    // sender sends one message at a time
    Optional<String> envelope =
        message instanceof EnvelopeSender e ? e.envelopeSender() : Optional.empty();
    if (envelope.isPresent()) {
      session.getProperties().setProperty(envelopeProperty, envelope.get());
    } else {
      session.getProperties().remove(envelopeProperty);
    }
    try {
      connected.sendMessage(message, message.getAllRecipients());
      lastReply = System.nanoTime();
    } catch (MessagingException e) {
      if (!connected.isConnected()) {
        close();
      }
      throw e;
    }
    return connected instanceof SMTPTransport smtp
        ? String.valueOf(smtp.getLastServerResponse()).strip()
        : "sent";
  }

  @Override
  public Session session() {
    return session;
  }

  private Transport connected() throws MessagingException {
    boolean recent = transport != null && System.nanoTime() - lastReply < TRUSTED_NANOS;
    if (!recent && (transport == null || !transport.isConnected())) {
      close();
      transport = session.getTransport();
      transport.connect();
      lastReply = System.nanoTime();
      log.debug("connected to {}:{}", settings.host(), settings.port());
    }
    return transport;
  }

  /**
   * The server could not be reached or turned the connection away: nothing of the message was sent.
   */
  static final class NotConnected extends MessagingException {

    NotConnected(MessagingException cause) {
      super("cannot connect to the SMTP server: " + cause.getMessage(), cause);
    }
  }

  @Override
  public void close() {
    if (transport != null) {
      try {
        transport.close();
      } catch (MessagingException e) {
        log.debug("closing the SMTP connection: {}", e.getMessage());
      }
      transport = null;
    }
  }
}
