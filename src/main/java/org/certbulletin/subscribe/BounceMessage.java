package org.certbulletin.subscribe;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.certbulletin.files.Digests;

/**
 * One message of the bounce mailbox, read: who it was addressed to, whether it is a delivery status
 * notification (RFC 3464: {@code multipart/report; report-type=delivery-status}) and what that says
 * of each recipient and of the original message, and whether it is an automatic message. Every
 * value is bounded and printable; nothing of the raw message is kept.
 */
public final class BounceMessage {

  /** The largest message read: bounces quote the original, which carries a PDF. */
  public static final int MAX_BYTES = 10 * 1024 * 1024;

  /** The most parts of a report looked at, and recipients of a report kept. */
  private static final int MAX_PARTS = 20;

  private static final int MAX_RECIPIENTS = 50;

  /** What separates the blocks of fields of a delivery status. */
  private static final Pattern BLANK_LINE = Pattern.compile("\\r?\\n[ \\t]*\\r?\\n");

  /** The headers where the address a message came to is found, in the order they are tried. */
  private static final List<String> ADDRESSED_TO =
      List.of("To", "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "Cc");

  private final String reportId;
  private final List<String> addressedTo;
  private final boolean deliveryReport;
  private final List<DeliveryStatus> statuses;
  private final Optional<String> originalMessageId;
  private final Optional<String> automatic;

  private BounceMessage(
      String reportId,
      List<String> addressedTo,
      boolean deliveryReport,
      List<DeliveryStatus> statuses,
      Optional<String> originalMessageId,
      Optional<String> automatic) {
    this.reportId = reportId;
    this.addressedTo = List.copyOf(addressedTo);
    this.deliveryReport = deliveryReport;
    this.statuses = List.copyOf(statuses);
    this.originalMessageId = originalMessageId;
    this.automatic = automatic;
  }

  /**
   * Reads one message of at most {@link #MAX_BYTES} from {@code in} (to its end).
   *
   * @throws UnreadableMessageException if it is larger, empty or not a message
   * @throws IOException if {@code in} cannot be read
   */
  public static BounceMessage read(InputStream in) throws UnreadableMessageException, IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new UnreadableMessageException(
          "the message is larger than "
              + (MAX_BYTES / (1024 * 1024))
              + " MiB; a bounce is smaller: look at it by hand and delete it");
    }
    return parse(bytes);
  }

  /**
   * Reads the message {@code bytes}.
   *
   * @throws UnreadableMessageException if it is larger than {@link #MAX_BYTES}, empty or has no
   *     header
   */
  public static BounceMessage parse(byte[] bytes) throws UnreadableMessageException {
    Objects.requireNonNull(bytes, "bytes == null");
    if (bytes.length > MAX_BYTES) {
      throw new UnreadableMessageException(
          "the message is larger than " + (MAX_BYTES / (1024 * 1024)) + " MiB");
    }
    if (bytes.length == 0) {
      throw new UnreadableMessageException(
          "no message on standard input; pipe one RFC 822 message to it");
    }
    try {
      MimeMessage message =
          new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
      if (!message.getAllHeaders().hasMoreElements() || message.getHeader("From") == null) {
        throw new UnreadableMessageException(
            "not an RFC 822 message (no header, or no From); pipe the whole message, headers"
                + " first");
      }
      String reportId =
          HeaderValues.messageId(message.getHeader("Message-ID", null))
              .orElseGet(() -> "sha256:" + Digests.sha256(bytes));
      List<String> addressedTo = new ArrayList<>();
      for (String name : ADDRESSED_TO) {
        String[] values = message.getHeader(name);
        if (values != null) {
          for (int i = 0; i < Math.min(values.length, 4); i++) {
            addressedTo.addAll(HeaderValues.addresses(values[i]));
          }
        }
      }
      Optional<ContentType> type = contentType(message.getContentType());
      boolean report =
          type.isPresent()
              && type.get().match("multipart/report")
              && "delivery-status".equalsIgnoreCase(type.get().getParameter("report-type"));
      Report parts = report ? report(message) : new Report();
      parts.returnPath.ifPresent(addressedTo::add);
      return new BounceMessage(
          reportId,
          addressedTo.stream().distinct().toList(),
          report,
          parts.statuses,
          parts.messageId,
          automatic(message));
    } catch (MessagingException e) {
      throw new UnreadableMessageException(
          "not a readable RFC 822 message ("
              + HeaderValues.clean(e.getMessage(), 200).orElse("")
              + ")",
          e);
    }
  }

  /**
   * The report's own Message-ID (without angle brackets), or {@code sha256:} and the digest of its
   * bytes when it has none: each report is processed once under it.
   */
  public String reportId() {
    return reportId;
  }

  /**
   * The addresses the message came to, in the order the headers are tried ({@code To}, {@code
   * Delivered-To}, {@code X-Original-To}, ..., then the original message's {@code Return-Path}).
   */
  public List<String> addressedTo() {
    return addressedTo;
  }

  /** Whether it is a delivery status notification (RFC 3464). */
  public boolean deliveryReport() {
    return deliveryReport;
  }

  /** What the report says of each recipient, in its order; empty if it is no report. */
  public List<DeliveryStatus> statuses() {
    return statuses;
  }

  /** The Message-ID of the message the report is about (without angle brackets), if it says. */
  public Optional<String> originalMessageId() {
    return originalMessageId;
  }

  /**
   * Why it is an automatic message (an out-of-office reply, a message marked {@code
   * Auto-Submitted}), in words of this program's own; empty for a message a person sent.
   */
  public Optional<String> automatic() {
    return automatic;
  }

  @Override
  public String toString() {
    return "BounceMessage["
        + (deliveryReport ? "report " + statuses : "not a report")
        + automatic.map(a -> ", " + a).orElse("")
        + "]";
  }

  /** What the parts of a report say. */
  private static final class Report {
    final List<DeliveryStatus> statuses = new ArrayList<>();
    Optional<String> messageId = Optional.empty();
    Optional<String> returnPath = Optional.empty();
  }

  private static Report report(MimeMessage message) throws MessagingException {
    Report report = new Report();
    MimeMultipart parts = new MimeMultipart(new MimePartDataSource(message));
    for (int i = 0; i < Math.min(parts.getCount(), MAX_PARTS); i++) {
      BodyPart part = parts.getBodyPart(i);
      Optional<ContentType> type = contentType(part.getContentType());
      if (type.isEmpty()) {
        continue;
      }
      try {
        if (type.get().match("message/delivery-status")
            || type.get().match("message/global-delivery-status")) {
          statuses(read(part), report.statuses);
        } else if (type.get().match("text/rfc822-headers")
            || type.get().match("message/rfc822")
            || type.get().match("message/global")
            || type.get().match("message/global-headers")) {
          original(part, report);
        }
      } catch (IOException e) {
        throw new MessagingException("cannot read part " + (i + 1) + " of the report", e);
      }
    }
    return report;
  }

  private static byte[] read(BodyPart part) throws IOException, MessagingException {
    try (InputStream in = part.getInputStream()) {
      return in.readNBytes(1024 * 1024);
    }
  }

  /** The per-recipient blocks of a {@code message/delivery-status} body. */
  private static void statuses(byte[] body, List<DeliveryStatus> statuses)
      throws MessagingException {
    String text = new String(body, StandardCharsets.ISO_8859_1);
    // blocks of fields separated by blank lines: the first is about the message, the others
    // about one recipient each
    for (String block : BLANK_LINE.split(text, -1)) {
      if (statuses.size() == MAX_RECIPIENTS) {
        return;
      }
      if (block.isBlank()) {
        continue;
      }
      InternetHeaders fields =
          new InternetHeaders(
              new ByteArrayInputStream(
                  (block.strip() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)));
      String action = fields.getHeader("Action", null);
      String finalRecipient = fields.getHeader("Final-Recipient", null);
      if (action == null && finalRecipient == null) {
        continue;
      }
      statuses.add(
          new DeliveryStatus(
              DeliveryStatus.Action.of(HeaderValues.clean(action, 40).orElse(null)),
              DeliveryStatus.status(
                  HeaderValues.clean(fields.getHeader("Status", null), 40).orElse(null)),
              HeaderValues.typedAddress(finalRecipient),
              HeaderValues.typedAddress(fields.getHeader("Original-Recipient", null)),
              HeaderValues.clean(
                  fields.getHeader("Diagnostic-Code", null), DeliveryStatus.MAX_DIAGNOSTIC)));
    }
  }

  /** The original message's Message-ID and Return-Path, from its headers quoted in the report. */
  private static void original(BodyPart part, Report report)
      throws IOException, MessagingException {
    try (InputStream in = part.getInputStream()) {
      InternetHeaders headers =
          new InternetHeaders(new ByteArrayInputStream(in.readNBytes(256 * 1024)));
      if (report.messageId.isEmpty()) {
        report.messageId = HeaderValues.messageId(headers.getHeader("Message-ID", null));
      }
      if (report.returnPath.isEmpty()) {
        report.returnPath = HeaderValues.address(headers.getHeader("Return-Path", null));
      }
    }
  }

  /** Why {@code message} is an automatic one, if it is. */
  private static Optional<String> automatic(MimeMessage message) throws MessagingException {
    String submitted =
        HeaderValues.clean(message.getHeader("Auto-Submitted", null), 40)
            .map(v -> v.toLowerCase(Locale.ROOT))
            .orElse("no");
    if (!submitted.startsWith("no")) {
      return Optional.of("an automatic message (Auto-Submitted)");
    }
    for (String marker : List.of("X-Autoreply", "X-Autorespond", "X-Autoresponse")) {
      if (message.getHeader(marker) != null) {
        return Optional.of("an automatic reply (" + marker + ")");
      }
    }
    String precedence =
        HeaderValues.clean(message.getHeader("Precedence", null), 40)
            .map(v -> v.toLowerCase(Locale.ROOT))
            .orElse("");
    if (List.of("auto_reply", "bulk", "junk", "list").contains(precedence)) {
      return Optional.of("an automatic or bulk message (Precedence)");
    }
    String subject =
        HeaderValues.clean(message.getHeader("Subject", null), 200)
            .map(v -> v.toLowerCase(Locale.ROOT))
            .orElse("");
    for (String start :
        List.of("auto:", "automatic reply", "autoreply", "out of office", "out of the office")) {
      if (subject.startsWith(start)) {
        return Optional.of("an out-of-office reply (by its subject)");
      }
    }
    return Optional.empty();
  }

  private static Optional<ContentType> contentType(String header) {
    if (header == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ContentType(header));
    } catch (ParseException e) {
      return Optional.empty();
    }
  }
}
