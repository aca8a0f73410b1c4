package org.certbulletin.service;

import jakarta.mail.MessagingException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.BounceSettings;
import org.certbulletin.model.Config;
import org.certbulletin.model.ProgramName;
import org.certbulletin.store.Database;
import org.certbulletin.store.StateUnavailableException;
import org.certbulletin.store.Subscribers;
import org.certbulletin.subscribe.BounceMailbox;
import org.certbulletin.subscribe.BounceMessage;
import org.certbulletin.subscribe.ReturnPath;
import org.certbulletin.subscribe.SubscriberKey;
import org.certbulletin.subscribe.UnreadableMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounce mailbox as the doors see it: one message piped in ({@code cert-bulletin bounces}), or
 * the IMAP mailbox read once ({@code bounces --imap}, and the daemon every {@code
 * bounces.imap.every}). Bounces suspend dead addresses and unsubscribe requests unsubscribe; see
 * {@link BounceDesk} for what is believed. Failures are {@link ServiceFailure}s: a message that
 * cannot be read is bad input, a state database that fails has failed (the mail server tries
 * again).
 */
public final class Bounces {

  private static final Logger log = LoggerFactory.getLogger(Bounces.class);

  private final Workspace workspace;
  private final Map<String, String> environment;
  private final Clock clock;
  private final Supplier<AccessService> access;
  private final Supplier<Subscriptions> subscriptions;

  Bounces(
      Workspace workspace,
      Map<String, String> environment,
      Clock clock,
      Supplier<AccessService> access,
      Supplier<Subscriptions> subscriptions) {
    this.workspace = workspace;
    this.environment = environment;
    this.clock = clock;
    this.access = access;
    this.subscriptions = subscriptions;
  }

  /**
   * Processes one message read from {@code message} (to its end, at most {@link
   * BounceMessage#MAX_BYTES}).
   *
   * @throws ServiceFailure.BadInput if it cannot be read, or the configuration has no bounces
   * @throws ServiceFailure.Failed if the state database fails
   */
  public BounceOutcome receive(InputStream message) {
    return call(
        () -> {
          Config config = new DataDirectory(workspace.data()).config();
          BounceSettings settings = settings(config);
          ReturnPath returnPath = returnPath(settings);
          BounceMessage read;
          try {
            read = BounceMessage.read(message);
          } catch (UnreadableMessageException e) {
            throw new ServiceFailure.BadInput(
                "cannot read the message on standard input: " + e.getMessage(), List.of());
          }
          try (Database database = Database.open(config.state(), layout())) {
            return desk(config, settings, returnPath, database, "pipe").handle(read);
          }
        });
  }

  /**
   * Reads the IMAP mailbox of {@code bounces.imap} once: each message processed or deliberately
   * ignored is deleted; one whose processing failed stays for the next read. The password comes
   * from {@value BounceMailbox#PASSWORD_VARIABLE}.
   *
   * @throws ServiceFailure.BadInput if the configuration has no mailbox, or no password is set
   * @throws ServiceFailure.Failed if the mailbox or the state database cannot be reached
   */
  public MailboxRead readMailbox() {
    return call(
        () -> {
          Config config = new DataDirectory(workspace.data()).config();
          BounceSettings settings = settings(config);
          BounceSettings.Imap imap =
              settings
                  .imap()
                  .orElseThrow(
                      () ->
                          bad(
                              "config.json has no bounces.imap: add the mailbox to read (\"imap\":"
                                  + " {\"host\": \"imap.cert.example\", \"user\":"
                                  + " \"bounces\"}), or pipe each message to '"
                                  + ProgramName.command("bounces")
                                  + "'"));
          String password = environment.get(BounceMailbox.PASSWORD_VARIABLE);
          if (password == null || password.isEmpty()) {
            throw bad(
                BounceMailbox.PASSWORD_VARIABLE
                    + " is not set: the bounce mailbox's password is read from it");
          }
          BounceMailbox mailbox;
          try {
            mailbox = new BounceMailbox(imap, password);
          } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
          }
          ReturnPath returnPath = returnPath(settings);
          try (Database database = Database.open(config.state(), layout())) {
            BounceDesk desk = desk(config, settings, returnPath, database, "imap:" + imap.host());
            List<BounceOutcome> outcomes = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            mailbox.read(bytes -> handle(desk, bytes, outcomes, kept));
            return new MailboxRead(outcomes, kept);
          } catch (MessagingException e) {
            throw new ServiceFailure.Failed(
                "cannot read the bounce mailbox "
                    + imap.user()
                    + "@"
                    + imap.host()
                    + ":"
                    + imap.port()
                    + ": "
                    + e.getMessage(),
                e);
          }
        });
  }

  private static BounceMailbox.Disposition handle(
      BounceDesk desk, byte[] bytes, List<BounceOutcome> outcomes, List<String> kept) {
    if (bytes == null) {
      kept.add(
          "kept: a message larger than "
              + BounceMessage.MAX_BYTES / (1024 * 1024)
              + " MiB (no bounce is); look at it by hand and delete it");
      log.warn("{}", kept.get(kept.size() - 1));
      return BounceMailbox.Disposition.KEEP;
    }
    BounceMessage message;
    try {
      message = BounceMessage.parse(bytes);
    } catch (UnreadableMessageException e) {
      outcomes.add(
          new BounceOutcome(
              BounceOutcome.Kind.IGNORED, "ignored: unreadable (" + e.getMessage() + ")"));
      return BounceMailbox.Disposition.DELETE;
    }
    // a failure of the state database ends the read here: this message and the rest stay
    outcomes.add(desk.handle(message));
    return BounceMailbox.Disposition.DELETE;
  }

  private BounceDesk desk(
      Config config,
      BounceSettings settings,
      ReturnPath returnPath,
      Database database,
      String from) {
    OperatorAlerts alerts = new OperatorAlerts(config, environment);
    return new BounceDesk(
        settings,
        returnPath,
        database.dataSource(),
        new BounceStatuses(subscriptions, new Subscribers(database.dataSource()), config, from),
        (target, outcome, detail) ->
            access
                .get()
                .audit(
                    Subscriptions.BOUNCE_MAILBOX,
                    BounceDesk.OPERATION,
                    target,
                    from,
                    outcome,
                    detail),
        suspension ->
            alerts.alert(
                "an address of list " + suspension.list() + " is suspended",
                "The address of delivery "
                    + suspension.delivery()
                    + " on list "
                    + suspension.list()
                    + " bounced ("
                    + suspension.why()
                    + ") and is no longer mailed.\n\n'"
                    + ProgramName.command("status --verbose")
                    + "' lists the suspended addresses.\n"),
        clock);
  }

  private static BounceSettings settings(Config config) {
    return config
        .bounces()
        .orElseThrow(
            () ->
                bad(
                    "config.json has no 'bounces': add \"bounces\": {\"address\":"
                        + " \"bounces@cert.example\"}, the mailbox bounces come back to"));
  }

  private ReturnPath returnPath(BounceSettings settings) {
    try {
      return new ReturnPath(settings, SubscriberKey.from(environment));
    } catch (IllegalStateException e) {
      throw bad(e.getMessage());
    }
  }

  private OutputLayout layout() {
    return new OutputLayout(workspace.out());
  }

  private static ServiceFailure.BadInput bad(String message) {
    return new ServiceFailure.BadInput(message, List.of());
  }

  private static <T> T call(Failures.Work<T> work) {
    try {
      return Failures.translate(work);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceFailure.Failed("interrupted", e);
    } catch (StateUnavailableException e) {
      throw new ServiceFailure.Failed(e.getMessage(), e);
    }
  }
}
