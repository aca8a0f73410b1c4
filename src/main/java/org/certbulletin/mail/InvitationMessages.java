package org.certbulletin.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.certbulletin.files.AtomicFiles;
import org.certbulletin.model.Config;
import org.certbulletin.model.SmtpSettings;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;

/**
 * The short message a reader gets after asking to join a list (the link that confirms it) or asking
 * about their subscription (the link to manage it): plain text in the reader's language (English
 * and Chinese words; other languages get the English ones), from the bulletin mail's sender,
 * DKIM-signed when DKIM is configured, sent over the configured SMTP server with its retries, or
 * written to {@code out/outbox/subscriptions/} as an {@code .eml} file without one.
 */
public final class InvitationMessages {

  /** Which message. */
  public enum Kind {
    /** The link that confirms a sign-up. */
    CONFIRM,
    /** The link to one's subscription's page. */
    MANAGE
  }

  /**
   * One message to write.
   *
   * @param list the list's name
   * @param address where it goes (checked already)
   * @param link the absolute link the message carries
   * @param valid how long the link holds, said in the message
   */
  public record Invitation(
      Kind kind, String list, String address, Locale language, URI link, Duration valid) {

    public Invitation {
      Objects.requireNonNull(kind, "kind == null");
      Objects.requireNonNull(list, "list == null");
      Objects.requireNonNull(address, "address == null");
      Objects.requireNonNull(language, "language == null");
      Objects.requireNonNull(link, "link == null");
      Objects.requireNonNull(valid, "valid == null");
    }

    @Override
    public String toString() {
      return "Invitation[" + kind + " " + list + "]";
    }
  }

  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final Map<String, Properties> WORDS =
      Map.of("en", words("en"), "zh", words("zh_CN"));

  private final MailTransport transport;
  private final Map<String, String> environment;
  private final Path outbox;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * Messages sent through {@code transport} with the secrets of {@code environment}, or written to
   * {@code outbox} when the configuration has no SMTP server.
   */
  public InvitationMessages(
      MailTransport transport, Map<String, String> environment, Path outbox, Clock clock) {
    this.transport = transport;
    this.environment = environment;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Sends {@code invitation} under {@code config} (the configuration in the invitation's language:
   * its issuer names the sender).
   *
   * @return what the server said, or the file written
   * @throws MessagingException if the server did not take it after its retries
   * @throws IOException if the outbox cannot be written
   */
  public String send(Config config, Invitation invitation) throws MessagingException, IOException {
    Optional<SmtpSettings> smtp = config.smtp();
    if (smtp.isEmpty()) {
      MimeMessage message =
          build(config, invitation, Session.getInstance(new Properties()), Optional.empty());
      Files.createDirectories(outbox);
      byte[] hex = new byte[4];
      random.nextBytes(hex);
      Path file =
          outbox.resolve(
              FILE_TIME.format(clock.instant())
                  + "-"
                  + invitation.kind().name().toLowerCase(Locale.ROOT)
                  + "-"
                  + HexFormat.of().formatHex(hex)
                  + ".eml");
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      message.writeTo(bytes);
      AtomicFiles.write(file, bytes.toByteArray());
      return "written to " + file;
    }
    Optional<DkimSigner> dkim = DkimKeys.signer(config.dkim(), environment);
    RetryBudget budget = new RetryBudget(smtp.get().retryAttempts(), smtp.get().retryBackoff());
    try (MailSender sender = transport.open(smtp.get(), environment)) {
      while (true) {
        try {
          return sender.send(build(config, invitation, sender.session(), dkim));
        } catch (MessagingException e) {
          SmtpFailure failure = SmtpFailure.of(e);
          if (failure.kind() != SmtpFailure.Kind.TEMPORARY
              && failure.kind() != SmtpFailure.Kind.SLOW_DOWN) {
            throw e;
          }
          RetryBudget.Decision next = budget.after(failure);
          if (next.action() != RetryBudget.Action.RETRY
              && next.action() != RetryBudget.Action.SLOW_DOWN) {
            throw e;
          }
          pause(next.delay());
        }
      }
    }
  }

  private static void pause(Duration delay) throws MessagingException {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MessagingException("interrupted while waiting to try again", e);
    }
  }

  /** The message, signed when {@code dkim} is present. */
  static MimeMessage build(
      Config config, Invitation invitation, Session session, Optional<DkimSigner> dkim)
      throws MessagingException {
    Properties words = WORDS.getOrDefault(invitation.language().getLanguage(), WORDS.get("en"));
    String kind = invitation.kind().name().toLowerCase(Locale.ROOT);
    String issuer = config.issuer().name();
    String hours = Long.toString(invitation.valid().toHours());
    Object[] args = {invitation.list(), issuer, invitation.link().toString(), hours};
    String subject = format(words, kind + ".subject", invitation.language(), args);
    String body = format(words, kind + ".body", invitation.language(), args);
    String fromAddress =
        config.smtp().map(SmtpSettings::from).orElse(config.issuer().contact().email());
    MimeMessage message = new MimeMessage(session);
    try {
      message.setFrom(
          new InternetAddress(
              Headers.safe("From", fromAddress),
              Headers.safe("From", config.smtp().flatMap(SmtpSettings::fromName).orElse(issuer)),
              StandardCharsets.UTF_8.name()));
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
    message.setRecipient(
        MimeMessage.RecipientType.TO,
        new InternetAddress(Headers.safe("To", invitation.address()), true));
    message.setSubject(Headers.safe("Subject", subject), StandardCharsets.UTF_8.name());
    message.setSentDate(new Date());
    message.setHeader("Content-Language", invitation.language().toLanguageTag());
    // an automatic message: no out-of-office replies to it (RFC 3834)
    message.setHeader("Auto-Submitted", "auto-generated");
    message.setText(body, StandardCharsets.UTF_8.name(), "plain");
    message.saveChanges();
    if (dkim.isPresent()) {
      DkimMessage signed = new DkimMessage(message, dkim.get());
      signed.saveChanges();
      return signed;
    }
    return message;
  }

  private static String format(Properties words, String key, Locale language, Object[] args) {
    String pattern = words.getProperty(key);
    if (pattern == null) {
      throw new IllegalStateException("the invitation's words lack " + key);
    }
    return new MessageFormat(pattern, language).format(args);
  }

  private static Properties words(String suffix) {
    String name = "invitation_" + suffix + ".properties";
    try (InputStream in = InvitationMessages.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar");
      }
      Properties properties = new Properties();
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }
}
