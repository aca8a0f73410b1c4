package org.certbulletin.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.certbulletin.files.Digests;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.BounceSettings;
import org.certbulletin.model.EmailAddress;
import org.certbulletin.store.BounceReports;
import org.certbulletin.store.DeliveryLedger;
import org.certbulletin.subscribe.BounceMessage;
import org.certbulletin.subscribe.DeliveryStatus;
import org.certbulletin.subscribe.Incoming;
import org.certbulletin.subscribe.ReturnPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on one message of the bounce mailbox, on the state database: a bounce is acted on only if
 * its return path's tag matches, the delivery is in the ledger, the report's recipient is the
 * delivery's and (when the report says) the original Message-ID is the delivery's; anything else is
 * refused, nothing changed, and audited. A hard bounce suspends the address on the list; soft ones
 * suspend it once {@code bounces.soft_limit} deliveries in a row bounced; an unsubscribe request
 * unsubscribes it. Each report is acted on once.
 */
final class BounceDesk {

  /** How the audit log names what the bounce mailbox did. */
  static final String OPERATION = "bounce.process";

  private static final Logger log = LoggerFactory.getLogger(BounceDesk.class);

  /** Writes one audit entry: operation, target (the list), outcome, detail. */
  interface Audit {
    void record(String target, AuditEntry.Outcome outcome, String detail);
  }

  private final BounceSettings settings;
  private final ReturnPath returnPath;
  private final DeliveryLedger ledger;
  private final BounceReports reports;
  private final BounceStatuses statuses;
  private final Audit audit;
  private final Consumer<Suspension> suspended;
  private final Clock clock;

  /** An address suspended now, for the operators' alert. */
  record Suspension(String list, long delivery, String why) {}

  BounceDesk(
      BounceSettings settings,
      ReturnPath returnPath,
      DataSource state,
      BounceStatuses statuses,
      Audit audit,
      Consumer<Suspension> suspended,
      Clock clock) {
    this.settings = settings;
    this.returnPath = returnPath;
    this.ledger = new DeliveryLedger(state);
    this.reports = new BounceReports(state);
    this.statuses = statuses;
    this.audit = audit;
    this.suspended = suspended;
    this.clock = clock;
  }

  BounceOutcome handle(BounceMessage message) {
    Incoming incoming = Incoming.of(message, returnPath, settings);
    if (incoming instanceof Incoming.Ignored ignored) {
      return new BounceOutcome(BounceOutcome.Kind.IGNORED, "ignored: " + ignored.reason());
    }
    Optional<BounceReports.Report> before = reports.find(message.reportId());
    if (before.isPresent()) {
      return new BounceOutcome(
          BounceOutcome.Kind.IGNORED,
          "ignored: this report was processed before ("
              + before.get().kind()
              + before.get().delivery().map(d -> ", delivery " + d).orElse("")
              + ")");
    }
    if (incoming instanceof Incoming.Forged forged) {
      return refuse(message, Optional.empty(), forged.reason());
    }
    if (incoming instanceof Incoming.Unsubscribe unsubscribe) {
      return unsubscribe(message, unsubscribe.delivery());
    }
    return bounce(message, (Incoming.Bounce) incoming);
  }

  private BounceOutcome bounce(BounceMessage message, Incoming.Bounce bounce) {
    Optional<DeliveryLedger.Entry> found = ledger.byId(bounce.delivery());
    if (found.isEmpty()) {
      return refuse(
          message,
          Optional.empty(),
          "it names delivery " + bounce.delivery() + ", which the ledger does not have");
    }
    DeliveryLedger.Entry delivery = found.get();
    if (delivery.status() == DeliveryLedger.Status.QUEUED) {
      return refuse(
          message, found, "it names delivery " + delivery.id() + ", which was never sent");
    }
    Optional<DeliveryStatus> failure =
        bounce.failures().stream()
            .filter(f -> f.recipient().filter(r -> same(r, delivery.recipient())).isPresent())
            .findFirst();
    if (failure.isEmpty()) {
      return refuse(
          message,
          found,
          "the report's failed recipient is not the recipient of delivery " + delivery.id());
    }
    if (bounce.originalMessageId().isPresent()
        && delivery.messageId().isPresent()
        && !bare(delivery.messageId().get()).equals(bounce.originalMessageId().get())) {
      return refuse(
          message,
          found,
          "the report is about another message than delivery " + delivery.id() + " (Message-ID)");
    }
    DeliveryStatus status = failure.get();
    boolean hard = status.severity() == DeliveryStatus.Severity.HARD;
    String kind = hard ? "hard" : "soft";
    Instant now = clock.instant();
    String code = status.status().orElse("no status code");
    String what = kind + " bounce (" + code + ") of delivery " + delivery.id();
    boolean first = ledger.recordBounce(delivery.id(), kind, now);
    String result;
    if (hard) {
      result = suspend(delivery, what);
    } else if (!first) {
      result = "already counted for this delivery";
    } else {
      // the subscriber's row counts every soft bounce; "in a row" is the ledger's to say: a
      // delivery that did not bounce in between breaks the run
      statuses.softBounce(delivery.list(), delivery.recipient(), now);
      int inARow =
          ledger.bouncedInARow(
              delivery.list(), delivery.recipient(), delivery.id(), settings.softLimit());
      result = inARow + " of " + settings.softLimit() + " soft bounces in a row";
      if (inARow >= settings.softLimit()) {
        result += "; " + suspend(delivery, what + ", " + inARow + " in a row");
      }
    }
    reports.record(
        new BounceReports.Report(
            message.reportId(),
            Optional.of(delivery.id()),
            Optional.of(delivery.list()),
            Optional.of(delivery.recipient()),
            kind,
            status.status(),
            status.diagnostic(),
            now));
    String line = "list " + delivery.list() + ": " + what + "; " + result;
    audit.record(delivery.list(), AuditEntry.Outcome.OK, what + "; " + result);
    log.info("{}", line);
    log.debug("delivery {} went to {}", delivery.id(), delivery.recipient());
    return new BounceOutcome(BounceOutcome.Kind.PROCESSED, "processed: " + line);
  }

  private String suspend(DeliveryLedger.Entry delivery, String why) {
    boolean changed = statuses.suspend(delivery.list(), delivery.recipient(), why);
    if (!changed) {
      return "nothing to suspend (the address is suspended or left already, or the list is gone)";
    }
    suspended.accept(new Suspension(delivery.list(), delivery.id(), why));
    return "the address is suspended";
  }

  private BounceOutcome unsubscribe(BounceMessage message, long id) {
    Optional<DeliveryLedger.Entry> found = ledger.byId(id);
    if (found.isEmpty()) {
      return refuse(
          message,
          Optional.empty(),
          "an unsubscribe request for delivery " + id + ", which the ledger does not have");
    }
    DeliveryLedger.Entry delivery = found.get();
    Instant now = clock.instant();
    boolean changed =
        statuses.unsubscribe(
            delivery.list(), delivery.recipient(), "mailto unsubscribe (RFC 8058)");
    reports.record(
        new BounceReports.Report(
            message.reportId(),
            Optional.of(id),
            Optional.of(delivery.list()),
            Optional.of(delivery.recipient()),
            "unsubscribe",
            Optional.empty(),
            Optional.empty(),
            now));
    String result = changed ? "unsubscribed" : "had left already";
    String line =
        "list " + delivery.list() + ": the recipient of delivery " + id + " " + result + " by mail";
    audit.record(
        delivery.list(),
        AuditEntry.Outcome.OK,
        "unsubscribe request (mailto) for delivery " + id + ": " + result);
    log.info("{}", line);
    return new BounceOutcome(BounceOutcome.Kind.PROCESSED, "processed: " + line);
  }

  private BounceOutcome refuse(
      BounceMessage message, Optional<DeliveryLedger.Entry> delivery, String reason) {
    // a refusal is kept under an id of its own: a forger who reuses the Message-ID of a genuine
    // report still to come must not get that report taken for one processed before
    reports.record(
        new BounceReports.Report(
            "refused:"
                + Digests.sha256(
                    (message.reportId() + "\n" + System.nanoTime() + "\n" + clock.instant())
                        .getBytes(StandardCharsets.UTF_8)),
            delivery.map(DeliveryLedger.Entry::id),
            delivery.map(DeliveryLedger.Entry::list),
            Optional.empty(),
            "refused",
            Optional.empty(),
            Optional.of(reason),
            clock.instant()));
    String target = delivery.map(DeliveryLedger.Entry::list).orElse("");
    audit.record(target, AuditEntry.Outcome.REFUSED, reason + "; nothing changed");
    log.warn(
        "refused a message of the bounce mailbox{}: {}; nothing changed",
        delivery.map(d -> " (list " + d.list() + ", delivery " + d.id() + ")").orElse(""),
        reason);
    return new BounceOutcome(
        BounceOutcome.Kind.REFUSED, "refused: " + reason + "; nothing changed");
  }

  /** Whether two addresses are the same recipient: the whole address, ignoring case. */
  private static boolean same(String reported, String recipient) {
    return EmailAddress.normalise(reported)
        .toLowerCase(Locale.ROOT)
        .equals(EmailAddress.normalise(recipient).toLowerCase(Locale.ROOT));
  }

  private static String bare(String messageId) {
    String id = messageId.strip();
    return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
  }
}
