package org.certbulletin.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * What an SMTP failure means for the recipient: refused for good (5xx), refused for now (4xx or a
 * lost connection: try again later), or the server asking us to slow down (421).
 *
 * @param recipientOnly true when the server refused this recipient (at RCPT TO), not the session
 */
public record SmtpFailure(Kind kind, int code, String description, boolean recipientOnly) {

  /** The three ways a send can fail. */
  public enum Kind { PERMANENT, TEMPORARY, SLOW_DOWN }

  private static final Pattern CODE = Pattern.compile("(?<![0-9])([245][0-9][0-9])[ -]");

  public static SmtpFailure of(MessagingException e) {
    int code = code(e);
    String description = describe(e);
    boolean recipientOnly = causes(e, SMTPAddressFailedException.class);
    if (code == 421) {
      return new SmtpFailure(Kind.SLOW_DOWN, code, description, false);
    }
    if (code >= 500 && code < 600) {
      return new SmtpFailure(Kind.PERMANENT, code, description, recipientOnly);
    }
    return new SmtpFailure(Kind.TEMPORARY, code, description, recipientOnly);
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
      if (t instanceof IOException) {
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
      if (t instanceof SendFailedException && t.getMessage() != null && t.getMessage().startsWith("Invalid Addresses")) {
        continue;
      }
      String message = String.valueOf(t.getMessage()).strip().replaceAll("\\s+", " ");
      if (!message.isEmpty() && text.indexOf(message) < 0) {
        text.append(text.length() == 0 ? "" : "; ").append(message);
      }
    }
    return text.length() == 0 ? e.getClass().getSimpleName() : text.toString();
  }
}
