package org.certbulletin.mail;

import jakarta.mail.MessagingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * What an SMTP failure means for a delivery.
 *
 * @param recipientOnly true when the server refused this recipient (at RCPT TO), not the session
 */
public record SmtpFailure(Kind kind, int code, String description, boolean recipientOnly) {

  /** How a send failed. */
  public enum Kind {
    /** A 5xx for this recipient: it will never be accepted. */
    PERMANENT,
    /**
     * A 5xx for the whole session (bad login, sender refused, message too large): stop and fix the
     * setup.
     */
    REFUSED,
    /** A 4xx reply or no connection: not accepted, try again later. */
    TEMPORARY,
    /** 421: the server wants fewer messages, more slowly. */
    SLOW_DOWN,
    /**
     * The connection broke during the transaction, without a reply: the server may have accepted
     * it.
     */
    UNCERTAIN
  }

  private static final Pattern CODE = Pattern.compile("(?<![0-9])([245][0-9][0-9])[ -]");

  public static SmtpFailure of(MessagingException e) {
    boolean connecting = causes(e, SmtpSender.NotConnected.class);
    int code = code(e);
    String description = describe(e);
    boolean recipientOnly = causes(e, SMTPAddressFailedException.class);
    if (code == 421) {
      return new SmtpFailure(Kind.SLOW_DOWN, code, description, false);
    }
    if (code >= 500) {
      return new SmtpFailure(
          recipientOnly ? Kind.PERMANENT : Kind.REFUSED, code, description, recipientOnly);
    }
    if (code >= 400 || connecting) {
      return new SmtpFailure(Kind.TEMPORARY, code, description, recipientOnly);
    }
    return new SmtpFailure(Kind.UNCERTAIN, code, description, false);
  }

  private static boolean causes(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = nextOf(t)) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static int code(MessagingException e) {
    for (Throwable t = e; t != null; t = nextOf(t)) {
      if (t instanceof SMTPAddressFailedException address) {
        return address.getReturnCode();
      }
      if (t instanceof SMTPSenderFailedException sender) {
        return sender.getReturnCode();
      }
      if (t instanceof SMTPSendFailedException send) {
        return send.getReturnCode();
      }
    }
    for (Throwable t = e; t != null; t = nextOf(t)) {
      if (t instanceof java.io.IOException) {
        return 0;
      }
      Matcher matcher = CODE.matcher(String.valueOf(t.getMessage()));
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(1));
      }
    }
    return 0;
  }

  private static Throwable nextOf(Throwable t) {
    if (t instanceof MessagingException messaging && messaging.getNextException() != null) {
      return messaging.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }

  private static String describe(MessagingException e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null && text.length() < 500; t = nextOf(t)) {
      if (t instanceof SmtpSender.NotConnected
          || String.valueOf(t.getMessage()).startsWith("Invalid Addresses")) {
        continue;
      }
      String message =
          t.getMessage() == null
              ? t.getClass().getSimpleName()
              : t.getMessage().strip().replaceAll("\\s+", " ");
      if (!message.isEmpty() && text.indexOf(message) < 0) {
        text.append(text.length() == 0 ? "" : "; ").append(message);
      }
    }
    return text.length() == 0 ? e.getClass().getSimpleName() : text.toString();
  }
}
