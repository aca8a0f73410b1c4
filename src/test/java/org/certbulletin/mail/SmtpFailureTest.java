package org.certbulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.certbulletin.mail.SmtpFailure.Kind;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;

/**
 * What an SMTP failure means for a delivery, from the exceptions Angus Mail 2 really throws, built
 * the way its {@code SMTPTransport} builds them (replies keep their trailing newline).
 */
class SmtpFailureTest {

  private static final InternetAddress READER = address("reader@example.org");
  private static final InternetAddress FROM = address("bulletin@cert.example");
  private static final Address[] NONE = new Address[0];
  private static final Address[] ONLY_READER = {READER};

  @Test
  void a421GreetingAsksToSlowDown() {
    SmtpFailure failure =
        SmtpFailure.of(
            new SmtpSender.NotConnected(badGreeting("421 4.7.0 Too many connections, slow down")));

    assertThat(failure)
        .isEqualTo(
            new SmtpFailure(
                Kind.SLOW_DOWN,
                421,
                "Got bad greeting from SMTP host: 127.0.0.1,"
                    + " port: 2525, response: 421 4.7.0 Too many connections, slow down",
                false));
  }

  @Test
  void a421AfterTheMessageAsksToSlowDown() {
    SmtpFailure failure =
        SmtpFailure.of(sendFailed(".", 421, "421 4.4.5 Too much mail, closing connection\n"));

    assertThat(failure.kind()).isEqualTo(Kind.SLOW_DOWN);
    assertThat(failure.code()).isEqualTo(421);
    assertThat(failure.recipientOnly()).isFalse();
  }

  @Test
  void aMailboxRefusedForGoodFailsThatRecipientOnly() {
    SmtpFailure failure =
        SmtpFailure.of(
            invalidAddresses(
                new SMTPAddressFailedException(
                    READER,
                    "RCPT TO:<reader@example.org>",
                    550,
                    "550 5.1.1 <reader@example.org>: Recipient address rejected: User unknown\n")));

    assertThat(failure)
        .isEqualTo(
            new SmtpFailure(
                Kind.PERMANENT,
                550,
                "550 5.1.1 <reader@example.org>: Recipient address rejected: User unknown",
                true));
  }

  @Test
  void aRefusedSenderRefusesTheSession() {
    SMTPSendFailedException mailFrom =
        sendFailed(
            "MAIL FROM:<bulletin@cert.example>",
            553,
            "553 5.7.1 <bulletin@cert.example>: Sender address rejected: not owned by user\n");
    mailFrom.setNextException(
        new SMTPSenderFailedException(
            FROM, "MAIL FROM:<bulletin@cert.example>", 553, mailFrom.getMessage()));

    SmtpFailure failure = SmtpFailure.of(mailFrom);

    assertThat(failure)
        .as("the reply is told once, though both exceptions carry it")
        .isEqualTo(
            new SmtpFailure(
                Kind.REFUSED,
                553,
                "553 5.7.1 <bulletin@cert.example>: Sender address rejected: not owned by user",
                false));
  }

  @Test
  void aMessageRefusedAfterItsDataRefusesTheSession() {
    SmtpFailure failure =
        SmtpFailure.of(sendFailed(".", 552, "552 5.3.4 Message size exceeds fixed limit\n"));

    assertThat(failure.kind()).isEqualTo(Kind.REFUSED);
    assertThat(failure.recipientOnly()).isFalse();
  }

  @Test
  void refusedCredentialsRefuseTheSession() {
    SmtpFailure failure =
        SmtpFailure.of(
            new SmtpSender.NotConnected(
                new AuthenticationFailedException(
                    "535 5.7.8 Error: authentication failed: authentication failure\n")));

    assertThat(failure)
        .isEqualTo(
            new SmtpFailure(
                Kind.REFUSED,
                535,
                "535 5.7.8 Error: authentication failed: authentication failure",
                false));
  }

  @Test
  void aBusyMailboxIsTemporaryForThatRecipientOnly() {
    SmtpFailure failure =
        SmtpFailure.of(
            invalidAddresses(
                new SMTPAddressFailedException(
                    READER,
                    "RCPT TO:<reader@example.org>",
                    450,
                    "450 4.2.1 <reader@example.org>: Mailbox busy, try again later\n")));

    assertThat(failure)
        .isEqualTo(
            new SmtpFailure(
                Kind.TEMPORARY,
                450,
                "450 4.2.1 <reader@example.org>: Mailbox busy, try again later",
                true));
  }

  @Test
  void aTemporaryRefusalOfTheMessageIsTemporaryForTheSession() {
    SmtpFailure failure =
        SmtpFailure.of(
            sendFailed(".", 451, "451 4.3.0 Temporary local problem, try again later\n"));

    assertThat(failure)
        .isEqualTo(
            new SmtpFailure(
                Kind.TEMPORARY, 451, "451 4.3.0 Temporary local problem, try again later", false));
  }

  @Test
  void aReplyCodeInTheTextOfAPlainMessagingExceptionCounts() {
    SmtpFailure failure =
        SmtpFailure.of(new MessagingException("452 4.3.1 Insufficient system storage\n"));

    assertThat(failure.kind()).isEqualTo(Kind.TEMPORARY);
    assertThat(failure.code()).isEqualTo(452);
  }

  @Test
  void aServerThatCannotBeReachedIsTemporary() {
    SocketConnectException refused =
        new SocketConnectException(
            null, new ConnectException("Connection refused"), "127.0.0.1", 2525, 10000);

    SmtpFailure failure =
        SmtpFailure.of(new SmtpSender.NotConnected(new MailConnectException(refused)));

    assertThat(failure)
        .isEqualTo(
            new SmtpFailure(
                Kind.TEMPORARY,
                0,
                "Couldn't connect to host, port: 127.0.0.1, 2525; timeout 10000; Connection"
                    + " refused",
                false));
  }

  @Test
  void anUnknownHostIsTemporary() {
    SmtpFailure failure =
        SmtpFailure.of(
            new SmtpSender.NotConnected(
                new MessagingException(
                    "Unknown SMTP host: mail.cert.example",
                    new UnknownHostException("mail.cert.example"))));

    assertThat(failure.kind()).isEqualTo(Kind.TEMPORARY);
    assertThat(failure.description())
        .as("the host name is not repeated")
        .isEqualTo("Unknown SMTP host: mail.cert.example");
  }

  @Test
  void aConnectionBrokenWhileWaitingForTheReplyIsUncertain() {
    SmtpFailure failure =
        SmtpFailure.of(
            new MessagingException(
                "Exception reading response", new SocketException("Connection reset")));

    assertThat(failure)
        .isEqualTo(
            new SmtpFailure(
                Kind.UNCERTAIN, 0, "Exception reading response; Connection reset", false));
  }

  @Test
  void aConnectionClosedInsteadOfAReplyIsUncertain() {
    SmtpFailure failure = SmtpFailure.of(sendFailed(".", -1, "[EOF]"));

    assertThat(failure.kind()).isEqualTo(Kind.UNCERTAIN);
    assertThat(failure.description()).isEqualTo("[EOF]");
  }

  @Test
  void aConnectionBrokenWhileWritingTheMessageIsUncertain() {
    SmtpFailure failure =
        SmtpFailure.of(
            new MessagingException(
                "IOException while sending message", new SocketException("Broken pipe")));

    assertThat(failure.kind()).isEqualTo(Kind.UNCERTAIN);
  }

  @Test
  void numbersInANetworkErrorAreNotTakenForAReply() {
    MessagingException timeout =
        new MessagingException(
            "Exception reading response",
            new SocketTimeoutException("Read timed out after 451 ms"));
    MessagingException control =
        new MessagingException(
            "Exception reading response", new MessagingException("Read timed out after 451 ms"));

    assertThat(SmtpFailure.of(timeout).kind()).isEqualTo(Kind.UNCERTAIN);
    assertThat(SmtpFailure.of(control).kind())
        .as("the same text from the server is a reply")
        .isEqualTo(Kind.TEMPORARY);
  }

  @Test
  void theReplyIsFoundHoweverDeepItsExceptionIsNested() {
    SendFailedException refused =
        invalidAddresses(
            new SMTPAddressFailedException(
                READER, "RCPT TO:<reader@example.org>", 550, "550 5.1.1 User unknown\n"));
    MessagingException outer =
        new MessagingException(
            "sending the bulletin", new MessagingException("transport", refused));

    SmtpFailure failure = SmtpFailure.of(outer);

    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(failure.recipientOnly()).isTrue();
    assertThat(failure.description())
        .isEqualTo("sending the bulletin; transport; 550 5.1.1 User unknown");
  }

  @Test
  void theFirstReplyInAChainOfRecipientsDecides() {
    SMTPAddressFailedException busy =
        new SMTPAddressFailedException(
            READER, "RCPT TO:<reader@example.org>", 450, "450 4.2.1 Mailbox busy\n");
    busy.setNextException(
        new SMTPAddressFailedException(
            address("other@example.org"),
            "RCPT TO:<other@example.org>",
            550,
            "550 5.1.1 User unknown\n"));

    SmtpFailure failure = SmtpFailure.of(invalidAddresses(busy));

    assertThat(failure.kind()).isEqualTo(Kind.TEMPORARY);
    assertThat(failure.description()).isEqualTo("450 4.2.1 Mailbox busy; 550 5.1.1 User unknown");
  }

  @Test
  void anExceptionWithoutATextIsNamedByItsType() {
    assertThat(SmtpFailure.of(new MessagingException()).description())
        .isEqualTo("MessagingException");
    assertThat(
            SmtpFailure.of(new MessagingException("Exception reading response", new EOFException()))
                .description())
        .isEqualTo("Exception reading response; EOFException");
  }

  /** As {@code SMTPTransport.openServer} reports a greeting other than 220. */
  private static MessagingException badGreeting(String reply) {
    return new MessagingException(
        "Got bad greeting from SMTP host: 127.0.0.1, port: 2525, response: " + reply);
  }

  /**
   * As {@code SMTPTransport.issueSendCommand} reports an unexpected reply to MAIL FROM or the end
   * of DATA.
   */
  private static SMTPSendFailedException sendFailed(String command, int code, String reply) {
    return new SMTPSendFailedException(command, code, reply, null, NONE, ONLY_READER, NONE);
  }

  /**
   * As {@code SMTPTransport.rcptTo} reports refused recipients: their exceptions chained under this
   * one.
   */
  private static SendFailedException invalidAddresses(SMTPAddressFailedException first) {
    return new SendFailedException("Invalid Addresses", first, NONE, NONE, ONLY_READER);
  }

  private static InternetAddress address(String text) {
    try {
      return new InternetAddress(text, true);
    } catch (AddressException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
