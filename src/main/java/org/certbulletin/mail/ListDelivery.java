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
 * retried with exponential backoff; a 421 slows the whole send down; a 5xx fails that recipient
 * and the others go on.
 */
public final class ListDelivery {

  /** How hard to try. */
  public record Policy(double ratePerSecond, int attempts, Duration backoff) {
  }

  private static final Logger log = LoggerFactory.getLogger(ListDelivery.class);
  private static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

  private final DeliveryLedger ledger;
  private final Policy policy;
  private final Clock clock;

  public ListDelivery(DeliveryLedger ledger, Policy policy, Clock clock) {
    this.ledger = ledger;
    this.policy = policy;
    this.clock = clock;
  }

  public DeliveryReport deliver(ListEdition edition, MessageFactory messages, List<String> recipients,
      MailSender sender) throws InterruptedException {
    String week = edition.edition().id().toString();
    String list = edition.list().name();
    int queued = ledger.enqueue(week, list, edition.edition().tlp().code(), recipients, clock.instant());
    Set<String> current = new HashSet<>(recipients);
    Map<String, Status> before = statuses(week, list);
    int alreadySent = (int) before.entrySet().stream()
        .filter(e -> e.getValue() == Status.SENT && current.contains(e.getKey())).count();
    log.info("{} {}: {} recipients, {} newly queued, {} already sent", week, list, recipients.size(), queued, alreadySent);

    Pacer pacer = new Pacer(policy.ratePerSecond());
    int sent = 0;
    boolean serverGone = false;
    for (Entry entry : ledger.due(week, list)) {
      if (!current.contains(entry.recipient())) {
        continue;
      }
      MimeMessage message;
      try {
        message = messages.build(entry.recipient());
      } catch (MessagingException e) {
        ledger.markFailed(entry.id(), "cannot build the message: " + e.getMessage(), clock.instant());
        continue;
      }
      if (!ledger.markSending(entry.id(), messages.messageId(entry.recipient()), clock.instant())) {
        continue;
      }
      Optional<SmtpFailure> failure = sendWithRetries(message, sender, pacer, entry);
      if (failure.isEmpty()) {
        sent++;
        continue;
      }
      SmtpFailure f = failure.get();
      if (f.kind() == SmtpFailure.Kind.PERMANENT) {
        ledger.markFailed(entry.id(), f.description(), clock.instant());
        log.warn("{} {}: {} refused for good: {}", week, list, entry.recipient(), f.description());
      } else {
        ledger.markQueued(entry.id(), f.description(), clock.instant());
        if (!f.recipientOnly()) {
          log.error("{} {}: the mail server is not accepting messages ({}); stopping, {} sent in this run", week,
              list, f.description(), sent);
          serverGone = true;
          break;
        }
      }
    }
    return report(edition, recipients.size(), sent, alreadySent, current, serverGone);
  }

  /** Sends one message, retrying temporary failures; empty when it was accepted and recorded. */
  private Optional<SmtpFailure> sendWithRetries(MimeMessage message, MailSender sender, Pacer pacer, Entry entry)
      throws InterruptedException {
    int attempt = 0;
    int slowDowns = 0;
    while (true) {
      pacer.await();
      try {
        String reply = sender.send(message);
        ledger.markSent(entry.id(), reply, clock.instant());
        return Optional.empty();
      } catch (MessagingException e) {
        SmtpFailure failure = SmtpFailure.of(e);
        if (failure.kind() == SmtpFailure.Kind.PERMANENT) {
          return Optional.of(failure);
        }
        if (failure.kind() == SmtpFailure.Kind.SLOW_DOWN && slowDowns < policy.attempts() * 2) {
          slowDowns++;
          pacer.slowDown();
          sender.close();
          log.warn("the mail server asks to slow down ({}); now {} messages/s", failure.description(),
              String.format(java.util.Locale.ROOT, "%.2f", pacer.perSecond()));
          Thread.sleep(wait(slowDowns).toMillis());
          continue;
        }
        attempt++;
        if (attempt >= policy.attempts()) {
          return Optional.of(failure);
        }
        Duration wait = wait(attempt);
        log.warn("temporary failure for {} (attempt {} of {}): {}; retrying in {} ms", entry.recipient(), attempt,
            policy.attempts(), failure.description(), wait.toMillis());
        sender.close();
        Thread.sleep(wait.toMillis());
      }
    }
  }

  private Duration wait(int attempt) {
    Duration wait = policy.backoff().multipliedBy(1L << Math.min(attempt - 1, 20));
    return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
  }

  private DeliveryReport report(ListEdition edition, int recipients, int sent, int alreadySent, Set<String> current,
      boolean serverGone) {
    Map<String, String> failed = new LinkedHashMap<>();
    Map<String, String> deferred = new LinkedHashMap<>();
    List<String> uncertain = new ArrayList<>();
    for (Entry entry : ledger.entries(edition.edition().id().toString(), edition.list().name())) {
      if (!current.contains(entry.recipient())) {
        continue;
      }
      switch (entry.status()) {
        case FAILED -> failed.put(entry.recipient(), entry.lastError().orElse("refused"));
        case QUEUED -> deferred.put(entry.recipient(), entry.lastError()
            .orElse(serverGone ? "not attempted: the mail server was not accepting messages" : "not attempted"));
        case SENDING -> uncertain.add(entry.recipient() + " " + entry.messageId().orElse(""));
        case SENT -> { }
      }
    }
    return new DeliveryReport(edition.edition().id(), edition.list().name(), edition.edition().tlp(), recipients, sent,
        alreadySent, failed, deferred, uncertain, Optional.empty());
  }

  private Map<String, Status> statuses(String week, String list) {
    Map<String, Status> statuses = new LinkedHashMap<>();
    for (Entry entry : ledger.entries(week, list)) {
      statuses.put(entry.recipient(), entry.status());
    }
    return statuses;
  }
}
