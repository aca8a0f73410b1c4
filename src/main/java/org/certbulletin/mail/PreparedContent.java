package org.certbulletin.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A message body encoded once for a whole list: its {@code Content-Type} header (with the multipart
 * boundary) and its bytes as they go on the wire (base64 and quoted-printable parts, CRLF line
 * ends), so that each recipient's message only adds its own headers.
 */
final class PreparedContent {

  private final String contentType;
  private final byte[] bytes;

  private PreparedContent(String contentType, byte[] bytes) {
    this.contentType = contentType;
    this.bytes = bytes;
  }

  /** Encodes {@code content} as the body of a message in {@code session}. */
  static PreparedContent of(Session session, MimeMultipart content) throws MessagingException {
    MimeMessage holder = new MimeMessage(session);
    holder.setContent(content);
    holder.saveChanges();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try {
      content.writeTo(body);
    } catch (IOException e) {
      throw new MessagingException("cannot encode the message body: " + e.getMessage(), e);
    }
    return new PreparedContent(
        withoutTrailingSpace(holder.getHeader("Content-Type", null)),
        withoutTrailingSpace(body.toString(StandardCharsets.ISO_8859_1))
            .getBytes(StandardCharsets.ISO_8859_1));
  }

  private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t]+\\r\\n");

  /**
   * Jakarta Mail folds a header after the space ({@code multipart/mixed; CRLF TAB boundary=}); a
   * server that trims line ends would then break a signature. Only headers can end a line in space
   * here: every body part is quoted-printable (which encodes it) or base64.
   */
  private static String withoutTrailingSpace(String text) {
    return TRAILING_SPACE.matcher(text).replaceAll("\r\n");
  }

  /** A body already encoded: its {@code Content-Type} header's value and its bytes on the wire. */
  static PreparedContent of(String contentType, byte[] bytes) {
    return new PreparedContent(contentType, bytes);
  }

  /**
   * The body as a MIME entity, its Content-Type header first: what PGP/MIME signs or encrypts, and
   * the bytes that go on the wire inside the message that carries it.
   */
  byte[] entity() {
    byte[] head = ("Content-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] entity = Arrays.copyOf(head, head.length + bytes.length);
    System.arraycopy(bytes, 0, entity, head.length, bytes.length);
    return entity;
  }

  /** The {@code Content-Type} header's value. */
  String contentType() {
    return contentType;
  }

  /** The body's length in bytes. */
  int size() {
    return bytes.length;
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(bytes);
  }
}
