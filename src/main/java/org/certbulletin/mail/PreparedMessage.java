package org.certbulletin.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Optional;

/**
 * One recipient's message around a body encoded once ({@link PreparedContent}): its headers are its
 * own, its body bytes are written as they are. Writing it costs one pass over the body, where a
 * {@link jakarta.mail.internet.MimeMultipart} would walk and re-check every part for every
 * recipient. The Message-ID is ours: the same for every attempt to the same recipient.
 */
final class PreparedMessage extends MimeMessage implements EnvelopeSender {

  private final String id;
  private final PreparedContent body;
  private final Optional<String> envelopeSender;

  PreparedMessage(
      Session session, String id, PreparedContent content, Optional<String> envelopeSender)
      throws MessagingException {
    super(session);
    this.id = id;
    this.body = content;
    this.envelopeSender = envelopeSender;
    setHeader("Content-Type", content.contentType());
  }

  @Override
  public Optional<String> envelopeSender() {
    return envelopeSender;
  }

  @Override
  protected void updateMessageID() throws MessagingException {
    setHeader("Message-ID", id);
  }

  /** The body's own headers were set when it was encoded; only the message's are set here. */
  @Override
  protected synchronized void updateHeaders() throws MessagingException {
    setHeader("MIME-Version", "1.0");
    updateMessageID();
  }

  @Override
  public int getSize() {
    return body.size();
  }

  @Override
  public void writeTo(OutputStream out, String[] ignoreList)
      throws IOException, MessagingException {
    if (!saved) {
      saveChanges();
    }
    StringBuilder head = new StringBuilder(1024);
    Enumeration<String> lines = getNonMatchingHeaderLines(ignoreList);
    while (lines.hasMoreElements()) {
      head.append(lines.nextElement()).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.UTF_8));
    body.writeTo(out);
    out.flush();
  }
}
