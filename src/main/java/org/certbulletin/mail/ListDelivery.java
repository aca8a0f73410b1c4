package org.certbulletin.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.store.DeliveryLedger;
import org.certbulletin.store.DeliveryLedger.Entry;
import org.certbulletin.store.DeliveryLedger.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a list's edition to every recipient the ledger says is still due, one message at a time
 * over one connection, at the configured rate. Each delivery is claimed in the ledger before its
 * SMTP transaction and recorded as sent only when the server has accepted it, so a re-run resumes
 * where the last one stopped and never sends to a recipient marked sent. Temporary failures are
 * retried with exponential backoff; a 421 slows the whole send down; a 5xx fails that recipient and
 * the others go on.
 */
public final class ListDelivery {

  /** How hard to try. */
  public record Policy(double ratePerSecond, int attempts, Duration backoff) {}

  private static final Logger log = LoggerFactory.getLogger(ListDelivery.class);

  private final DeliveryLedger ledger;
  private final Policy policy;
  private final Clock clock;

  public ListDelivery(DeliveryLedger ledger, Policy policy, Clock clock) {
    this.ledger = ledger;
    this.policy = policy;
    this.clock = clock;
  }

  public DeliveryReport deliver(
      ListEdition edition, MessageFactory messages, List<String> recipients, MailSender sender)
      throws InterruptedException {
    String week = edition.edition().id().toString();
    String list = edition.list().name();
    int queued =
        ledger.enqueue(week, list, edition.edition().tlp().code(), recipients, clock.instant());
    Set<String> current = new HashSet<>(recipients);
    Map<String, Status> before = statuses(week, list);
    int alreadySent =
        (int)
            before.entrySet().stream()
                .filter(e -> e.getValue() == Status.SENT && current.contains(e.getKey()))
                .count();
    log.info(
        "{} {}: {} recipients, {} newly queued, {} already sent",
        week,
        list,
        recipients.size(),
        queued,
        alreadySent);

    Pacer pacer = new Pacer(policy.ratePerSecond());
    int sent = 0;
    String stopped = null;
    for (Entry entry : ledger.due(week, list)) {
      if (!current.contains(entry.recipient())) {
        continue;
      }
      MimeMessage message;
      try {
        message = messages.build(entry.recipient());
      } catch (MessagingException e) {
        ledger.markFailed(
            entry.id(), "cannot build the message: " + e.getMessage(), clock.instant());
        continue;
      }
      Outcome outcome =
          deliverOne(entry, messages.messageId(entry.recipient()), message, sender, pacer);
      switch (outcome.result()) {
        case SENT -> sent++;
        case FAILED ->
            log.warn(
                "{} {}: {} refused for good: {}", week, list, entry.recipient(), outcome.reason());
        case UNCERTAIN ->
            log.error(
                "{} {}: the connection broke while sending to {} ({}); the outcome is unknown and"
                    + " the message will not be sent again without --resend-uncertain",
                week,
                list,
                entry.recipient(),
                outcome.reason());
        case DEFERRED -> {}
        case STOP -> stopped = outcome.reason();
      }
      if (stopped != null) {
        log.error("{} {}: stopping after {} sent in this run: {}", week, list, sent, stopped);
        break;
      }
    }
    return report(edition, recipients.size(), sent, alreadySent, current, stopped);
  }

  /** How one delivery ended in this run. */
  private record Outcome(Result result, String reason) {}

  private enum Result {
    SENT,
    FAILED,
    DEFERRED,
    UNCERTAIN,
    STOP
  }

  /**
   * Claims the delivery, sends it and records the outcome. Between attempts the delivery goes back
   * to the queue, so a run stopped while it waits leaves it due rather than uncertain.
   */
  private Outcome deliverOne(
      Entry entry, String messageId, MimeMessage message, MailSender sender, Pacer pacer)
      throws InterruptedException {
    RetryBudget budget = new RetryBudget(policy.attempts(), policy.backoff());
    while (true) {
      if (!ledger.markSending(entry.id(), messageId, clock.instant())) {
        return new Outcome(Result.DEFERRED, "claimed by another run");
      }
      pacer.await();
      SmtpFailure failure;
      try {
        String reply = sender.send(message);
        ledger.markSent(entry.id(), reply, clock.instant());
        return new Outcome(Result.SENT, reply);
      } catch (MessagingException e) {
        failure = SmtpFailure.of(e);
      }
      switch (failure.kind()) {
        case PERMANENT -> {
          ledger.markFailed(entry.id(), failure.description(), clock.instant());
          return new Outcome(Result.FAILED, failure.description());
        }
        case REFUSED -> {
          ledger.markQueued(entry.id(), failure.description(), clock.instant());
          return new Outcome(
              Result.STOP,
              "the server refused the session ("
                  + failure.description()
                  + "); check the smtp settings and credentials");
        }
        case UNCERTAIN -> {
          ledger.markUncertain(entry.id(), failure.description(), clock.instant());
          sender.close();
          return new Outcome(Result.UNCERTAIN, failure.description());
        }
        default -> {
          ledger.markQueued(entry.id(), failure.description(), clock.instant());
          sender.close();
          RetryBudget.Decision next = budget.after(failure);
          switch (next.action()) {
            case DEFER -> {
              return new Outcome(Result.DEFERRED, failure.description());
            }
            case STOP -> {
              return new Outcome(
                  Result.STOP,
                  "the mail server is not accepting messages (" + failure.description() + ")");
            }
            case SLOW_DOWN -> pacer.slowDown();
            case RETRY -> {}
          }
          log.warn(
              "{} for {} ({}); trying again in {} ms",
              next.action() == RetryBudget.Action.SLOW_DOWN
                  ? "the server asks to slow down"
                  : "temporary failure",
              entry.recipient(),
              failure.description(),
              next.delay().toMillis());
          Thread.sleep(next.delay().toMillis());
        }
      }
    }
  }

  private DeliveryReport report(
      ListEdition edition,
      int recipients,
      int sent,
      int alreadySent,
      Set<String> current,
      String stopped) {
    Map<String, String> failed = new LinkedHashMap<>();
    Map<String, String> deferred = new LinkedHashMap<>();
    List<String> uncertain = new ArrayList<>();
    for (Entry entry : ledger.entries(edition.edition().id().toString(), edition.list().name())) {
      if (!current.contains(entry.recipient())) {
        continue;
      }
      switch (entry.status()) {
        case FAILED -> failed.put(entry.recipient(), entry.lastError().orElse("refused"));
        case QUEUED ->
            deferred.put(
                entry.recipient(),
                entry
                    .lastError()
                    .orElse(stopped != null ? "not attempted: " + stopped : "not attempted"));
        case SENDING ->
            uncertain.add(
                entry.recipient()
                    + " "
                    + entry.messageId().orElse("")
                    + entry.lastError().map(e -> " (" + e + ")").orElse(""));
        case SENT -> {}
      }
    }
    return new DeliveryReport(
        edition.edition().id(),
        edition.list().name(),
        edition.edition().tlp(),
        recipients,
        sent,
        alreadySent,
        failed,
        deferred,
        uncertain,
        Optional.empty());
  }

  private Map<String, Status> statuses(String week, String list) {
    Map<String, Status> statuses = new LinkedHashMap<>();
    for (Entry entry : ledger.entries(week, list)) {
      statuses.put(entry.recipient(), entry.status());
    }
    return statuses;
  }
}
