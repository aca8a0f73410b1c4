package org.certbulletin.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.certbulletin.files.AtomicFiles;

/**
 * Writes messages as {@code .eml} files instead of sending them: the dry run, and the fallback when
 * no SMTP server is configured. Files are named by position and recipient, so a repeated dry run
 * replaces them.
 */
public final class OutboxSender implements MailSender {

  private final Session session = Session.getInstance(new Properties());
  private final Path folder;
  private int count;

  /** Touches nothing on disk until {@link #clear()}. */
  public OutboxSender(Path folder) {
    this.folder = folder;
  }

  /**
   * Creates the folder and deletes the {@code .eml} files of an earlier run: called once the run is
   * known to go ahead, so that a refused one leaves the earlier outbox as it was.
   */
  public void clear() throws IOException {
    Files.createDirectories(folder);
    try (var old = Files.list(folder)) {
      for (Path file : old.filter(f -> f.getFileName().toString().endsWith(".eml")).toList()) {
        Files.delete(file);
      }
    }
  }

  @Override
  public String send(MimeMessage message) throws MessagingException {
    count++;
    String recipient = message.getAllRecipients()[0].toString().replaceAll("[^A-Za-z0-9@._-]", "_");
    Path file = folder.resolve(String.format(Locale.ROOT, "%05d-%s.eml", count, recipient));
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * 1024);
      // the envelope sender as the receiving server would write it: the file is the message
      // delivered
      if (message instanceof EnvelopeSender e && e.envelopeSender().isPresent()) {
        bytes.write(
            ("Return-Path: <" + e.envelopeSender().get() + ">\r\n")
                .getBytes(StandardCharsets.US_ASCII));
      }
      message.writeTo(bytes);
      AtomicFiles.write(file, bytes.toByteArray());
    } catch (IOException e) {
      throw new MessagingException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return "written to " + file;
  }

  @Override
  public Session session() {
    return session;
  }

  @Override
  public void close() {
    // nothing to release
  }
}
