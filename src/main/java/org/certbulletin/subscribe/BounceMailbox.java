package org.certbulletin.subscribe;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.certbulletin.model.BounceSettings;

/**
 * The bounce mailbox over IMAP (Jakarta Mail): each message is handed over as bytes, and deleted
 * ({@code \Deleted}, then expunged) once it was processed or deliberately ignored; a message whose
 * processing failed stays for the next read. Implicit TLS with the server's name checked, unless
 * the server is on this machine and the settings say {@code tls: false}.
 */
public final class BounceMailbox {

  /** The variable the mailbox's password comes from. */
  public static final String PASSWORD_VARIABLE = "CERT_BULLETIN_IMAP_PASSWORD";

  /** The most messages one read takes: a flood waits for the next read. */
  public static final int MAX_MESSAGES = 500;

  private static final Set<String> THIS_MACHINE = Set.of("127.0.0.1", "localhost", "::1");

  /** What becomes of a message once handed over. */
  public enum Disposition {
    /** Processed or deliberately ignored: deleted from the mailbox. */
    DELETE,
    /** Not processed (a failure): left for the next read. */
    KEEP
  }

  /** What is done with each message's bytes. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Handles one message; {@code bytes} is null when the message is larger than {@link
     * BounceMessage#MAX_BYTES} (it was not fetched).
     *
     * @throws RuntimeException to stop the read: the messages handled so far are still deleted
     */
    Disposition handle(byte[] bytes);
  }

  /** How a read went: messages seen, deleted, kept. */
  public record Read(int seen, int deleted, int kept) {}

  private final BounceSettings.Imap settings;
  private final String password;

  /**
   * @throws IllegalArgumentException if the settings turn TLS off for a server on another machine
   */
  public BounceMailbox(BounceSettings.Imap settings, String password) {
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.password = Objects.requireNonNull(password, "password == null");
    if (!settings.tls() && !THIS_MACHINE.contains(settings.host().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "bounces.imap.tls is false for "
              + settings.host()
              + ": the password would cross the network in clear; only a server on this machine"
              + " (127.0.0.1, localhost) may be read without TLS. Remove \"tls\": false");
    }
  }

  /**
   * Reads the mailbox once, handing each message (up to {@link #MAX_MESSAGES}) to {@code handler}.
   *
   * @throws MessagingException if the mailbox cannot be reached, logged into or opened
   */
  public Read read(Handler handler) throws MessagingException {
    String protocol = settings.tls() ? "imaps" : "imap";
    Properties properties = new Properties();
    properties.put("mail." + protocol + ".connectiontimeout", "30000");
    properties.put("mail." + protocol + ".timeout", "60000");
    properties.put("mail." + protocol + ".writetimeout", "60000");
    if (settings.tls()) {
      properties.put("mail.imaps.ssl.checkserveridentity", "true");
    }
    Session session = Session.getInstance(properties);
    Store store = session.getStore(protocol);
    try {
      store.connect(settings.host(), settings.port(), settings.user(), password);
    } catch (AuthenticationFailedException e) {
      throw new MessagingException(
          "the IMAP server "
              + settings.host()
              + " refused the login of "
              + settings.user()
              + "; check bounces.imap.user and "
              + PASSWORD_VARIABLE,
          e);
    }
    try {
      Folder folder = store.getFolder(settings.folder());
      if (!folder.exists()) {
        throw new MessagingException(
            "the IMAP server "
                + settings.host()
                + " has no folder '"
                + settings.folder()
                + "'; check bounces.imap.folder");
      }
      folder.open(Folder.READ_WRITE);
      int seen = 0;
      int deleted = 0;
      try {
        int count = Math.min(folder.getMessageCount(), MAX_MESSAGES);
        for (int n = 1; n <= count; n++) {
          Message message = folder.getMessage(n);
          if (message.isSet(Flags.Flag.DELETED)) {
            continue;
          }
          seen++;
          if (handler.handle(bytes(message)) == Disposition.DELETE) {
            message.setFlag(Flags.Flag.DELETED, true);
            deleted++;
          }
        }
      } finally {
        // expunges what was handled, even when a failure stopped the read
        folder.close(true);
      }
      return new Read(seen, deleted, seen - deleted);
    } finally {
      store.close();
    }
  }

  private static byte[] bytes(Message message) throws MessagingException {
    if (message.getSize() > BounceMessage.MAX_BYTES) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      message.writeTo(new Bounded(bytes));
    } catch (IOException e) {
      if (e instanceof TooLarge) {
        return null;
      }
      throw new MessagingException("cannot fetch a message: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  /** A message that grew past the limit while it was fetched. */
  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
  }

  private static final class Bounded extends OutputStream {
    private final ByteArrayOutputStream out;

    Bounded(ByteArrayOutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      check(1);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      check(len);
      out.write(b, off, len);
    }

    private void check(int more) throws TooLarge {
      if (out.size() + (long) more > BounceMessage.MAX_BYTES) {
        throw new TooLarge();
      }
    }
  }
}
