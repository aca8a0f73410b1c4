package org.certbulletin.service;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.mail.InvitationMessages;
import org.certbulletin.mail.MailTransport;
import org.certbulletin.model.Config;
import org.certbulletin.model.HttpSettings;
import org.certbulletin.model.InvalidDataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails the confirmation and manage links of {@link Subscriptions} in the background, one at a
 * time: the sign-up page answers at once and as fast whether or not a message goes out (its timing
 * tells no one whether an address is subscribed), and a slow mail server holds back no page. A
 * message that cannot be sent is logged by its list, never by its address; the reader asks again.
 */
final class InvitationMailer implements Subscriptions.Mailer, AutoCloseable {

  /** Messages waiting at most; past it, a sign-up is told to come back (a flood). */
  static final int QUEUE = 1000;

  private static final Logger log = LoggerFactory.getLogger(InvitationMailer.class);

  private final Workspace workspace;
  private final InvitationMessages messages;
  private final ThreadPoolExecutor worker;

  InvitationMailer(
      Workspace workspace,
      Supplier<MailTransport> transport,
      Map<String, String> environment,
      Clock clock) {
    this.workspace = workspace;
    this.messages =
        new InvitationMessages(
            (smtp, env) -> transport.get().open(smtp, env),
            environment,
            workspace.out().resolve("outbox").resolve("subscriptions"),
            clock);
    this.worker =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            r -> {
              Thread t = new Thread(r, "invitations");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void send(Subscriptions.Invitation invitation) {
    Config config = new DataDirectory(workspace.data()).config(invitation.language());
    URI base =
        config
            .http()
            .flatMap(HttpSettings::publicUrl)
            .orElseThrow(
                () ->
                    new ServiceFailure.BadInput(
                        "config.json: /http/public_url is not set, so the link of a sign-up"
                            + " cannot be mailed; set it to the address readers reach this server"
                            + " at (https://cert.example/bulletins/)",
                        java.util.List.of()));
    boolean confirm = invitation.kind() == Subscriptions.Invitation.Kind.CONFIRM;
    URI link =
        base.resolve(
            "subscriptions/" + (confirm ? "confirm" : "manage") + "?t=" + invitation.token());
    InvitationMessages.Invitation message =
        new InvitationMessages.Invitation(
            confirm ? InvitationMessages.Kind.CONFIRM : InvitationMessages.Kind.MANAGE,
            invitation.list().description().isBlank()
                ? invitation.list().name()
                : invitation.list().description(),
            invitation.address(),
            invitation.language(),
            link,
            confirm ? Subscriptions.CONFIRMATION_TIME : Subscriptions.MANAGE_TIME);
    Runnable job =
        invitation.kind() == Subscriptions.Invitation.Kind.NONE
            ? () -> log.trace("nothing to mail")
            : () -> deliver(config, message, invitation.list().name());
    try {
      worker.execute(job);
    } catch (RejectedExecutionException e) {
      throw new ServiceFailure.Busy(
          "too many sign-up messages are waiting to be sent; try again in a few minutes", e);
    }
  }

  private void deliver(Config config, InvitationMessages.Invitation message, String list) {
    try {
      String said = messages.send(config, message);
      log.debug("{} message of list {} sent: {}", message.kind(), list, said);
    } catch (MessagingException | IOException | InvalidDataException e) {
      // the server's reply may name the address: only at debug
      log.error(
          "cannot send the {} message of a reader of list {} ({}); CERT_BULLETIN_LOG=debug says"
              + " why",
          message.kind(),
          list,
          e.getClass().getSimpleName());
      log.debug("the {} message of list {} was not sent", message.kind(), list, e);
    }
  }

  /** Waits a little for the messages under way, then stops. */
  @Override
  public void close() {
    worker.shutdown();
    try {
      if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
