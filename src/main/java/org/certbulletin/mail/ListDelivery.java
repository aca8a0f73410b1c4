package org.certbulletin.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.SmtpSettings;
import org.certbulletin.store.DeliveryLedger;
import org.certbulletin.store.DeliveryLedger.Entry;
import org.certbulletin.store.DeliveryRun;
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
  public record Policy(double ratePerSecond, int attempts, Duration backoff) {

    /** The rate, attempts and backoff {@code smtp} sets. */
    public static Policy of(SmtpSettings smtp) {
      return new Policy(smtp.ratePerSecond(), smtp.retryAttempts(), smtp.retryBackoff());
    }
  }

  private static final Logger log = LoggerFactory.getLogger(ListDelivery.class);

  private final DeliveryLedger ledger;
  private final Policy policy;
  private final Clock clock;

  public ListDelivery(DeliveryLedger ledger, Policy policy, Clock clock) {
    this.ledger = ledger;
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * Delivers {@code edition} to {@code recipients}, its messages made by {@code messages}, under
   * the ledger's key {@code week} ({@code 2024-W51}, or {@code 2024-W51/v2} for a correction),
   * recording {@code language} (a BCP 47 tag) as the language of the edition each recipient is
   * queued for. Checks {@code stopRequested} before each message: once it is true, the delivery
   * claimed next goes back to the queue and the run stops (a SIGTERM), every message the server
   * accepted recorded as sent.
   */
  public DeliveryReport deliver(
      String week,
      String language,
      ListEdition edition,
      MessageFactory messages,
      List<String> recipients,
      MailSender sender,
      BooleanSupplier stopRequested)
      throws InterruptedException {
    return deliver(
        week,
        List.of(new EditionGroup(language, edition, session -> messages, recipients)),
        sender,
        stopRequested);
  }

  /**
   * Delivers as above, each group of recipients its own edition, in one run over one connection:
   * every group's recipients are queued with its language, and each delivery's message is built by
   * its recipient's group. The editions are of one week and list, at one TLP.
   */
  public DeliveryReport deliver(
      String week, List<EditionGroup> groups, MailSender sender, BooleanSupplier stopRequested)
      throws InterruptedException {
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("no edition to deliver");
    }
    ListEdition edition = groups.get(0).edition();
    String list = edition.list().name();
    Map<String, MessageFactory> factories = new HashMap<>();
    List<String> recipients = new ArrayList<>();
    int queued = 0;
    for (EditionGroup group : groups) {
      MessageFactory factory = group.messages().apply(sender.session());
      List<String> own = new ArrayList<>();
      for (String recipient : group.recipients()) {
        if (factories.putIfAbsent(recipient, factory) == null) {
          own.add(recipient);
        }
      }
      recipients.addAll(own);
      queued +=
          ledger.enqueue(
              week, list, edition.edition().tlp().code(), group.language(), own, clock.instant());
    }
    Set<String> current = new HashSet<>(recipients);
    DeliveryStates.Due due = DeliveryStates.due(ledger.entries(week, list), current);
    int alreadySent = due.alreadySent();
    log.info(
        "{} {}: {} recipients, {} newly queued, {} already sent{}",
        week,
        list,
        recipients.size(),
        queued,
        alreadySent,
        groups.size() == 1 ? "" : ", " + groups.size() + " editions");
    Function<Entry, MessageFactory> messages = entry -> factories.get(entry.recipient());

    try (DeliveryRun run = ledger.start(week, list, clock.instant())) {
      Pacer pacer =
          new Pacer(
              policy.ratePerSecond(),
              System::nanoTime,
              nanos -> sleepUnlessStopped(nanos, stopRequested));
      Iterator<Entry> queue = due.queued().iterator();
      int sent = 0;
      String stopped = null;
      Claim claim = claimNext(run, queue, messages, pacer, Optional.empty());
      while (claim != null) {
        Entry entry = claim.entry();
        Outcome outcome =
            stopRequested.getAsBoolean()
                ? stopBefore(run, entry)
                : deliverOne(run, claim, sender, pacer, stopRequested);
        Optional<Claim> accepted = Optional.empty();
        switch (outcome.result()) {
          case SENT -> {
            sent++;
            accepted = Optional.of(claim);
          }
          case FAILED ->
              log.warn(
                  "{} {}: delivery {} refused for good: {}",
                  week,
                  list,
                  entry.id(),
                  Addresses.hidden(outcome.reason(), entry.recipient()));
          case UNCERTAIN ->
              log.error(
                  "{} {}: the connection broke during delivery {} ({}); the outcome is unknown"
                      + " and the message will not be sent again without --resend-uncertain",
                  week,
                  list,
                  entry.id(),
                  Addresses.hidden(outcome.reason(), entry.recipient()));
          case DEFERRED -> {}
          case STOP -> stopped = outcome.reason();
        }
        if (stopped != null) {
          log.error("{} {}: stopping after {} sent in this run: {}", week, list, sent, stopped);
          break;
        }
        claim =
            claimNext(
                run,
                queue,
                messages,
                pacer,
                accepted.map(c -> new Accepted(c.entry().id(), outcome)));
      }
      return report(
          week, edition, recipients.size(), sent, alreadySent, current, stopped, run.id());
    }
  }

  private Outcome stopBefore(DeliveryRun run, Entry entry) {
    run.requeue(entry.id(), "the send was stopped before this message", clock.instant());
    return new Outcome(Result.STOP, STOPPED);
  }

  /** The reason a run stopped on request gives. */
  public static final String STOPPED = "stopped on request (SIGTERM or Ctrl-C)";

  /** A delivery this run claimed, with its message. */
  private record Claim(Entry entry, String messageId, MimeMessage message) {}

  /** A delivery the server accepted, not yet recorded as sent. */
  private record Accepted(long id, Outcome outcome) {}

  /**
   * Claims the next delivery in {@code queue} that no other run has claimed, recording {@code
   * accepted} as sent in the same transaction; empty when the queue is done (then {@code accepted}
   * is recorded on its own). The pacer's wait comes before the claim, and {@code accepted} is
   * recorded before the wait, so a run stopped while it waits leaves nothing uncertain.
   */
  private Claim claimNext(
      DeliveryRun run,
      Iterator<Entry> queue,
      Function<Entry, MessageFactory> messages,
      Pacer pacer,
      Optional<Accepted> accepted)
      throws InterruptedException {
    Optional<Accepted> unrecorded = accepted;
    while (queue.hasNext()) {
      Entry entry = queue.next();
      MimeMessage message;
      try {
        message = messages.apply(entry).build(entry);
      } catch (RecipientKeyMissing e) {
        // never sent in clear: it stays queued, with the reason, for a run after the key is added
        unrecorded.ifPresent(a -> run.sent(a.id(), a.outcome().reason(), clock.instant()));
        unrecorded = Optional.empty();
        run.hold(entry.id(), e.getMessage(), clock.instant());
        log.warn(
            "delivery {}: {}", entry.id(), Addresses.hidden(e.getMessage(), entry.recipient()));
        continue;
      } catch (MessagingException e) {
        unrecorded.ifPresent(a -> run.sent(a.id(), a.outcome().reason(), clock.instant()));
        unrecorded = Optional.empty();
        run.failed(entry.id(), "cannot build the message: " + e.getMessage(), clock.instant());
        continue;
      }
      String messageId = messages.apply(entry).messageId(entry.recipient());
      if (pacer.mustWait()) {
        unrecorded.ifPresent(a -> run.sent(a.id(), a.outcome().reason(), clock.instant()));
        unrecorded = Optional.empty();
      }
      pacer.awaitTurn();
      boolean claimed;
      if (unrecorded.isPresent()) {
        Accepted a = unrecorded.get();
        claimed =
            run.sentThenClaim(a.id(), a.outcome().reason(), entry.id(), messageId, clock.instant());
        unrecorded = Optional.empty();
      } else {
        claimed = run.claim(entry.id(), messageId, clock.instant());
      }
      if (claimed) {
        pacer.take();
        return new Claim(entry, messageId, message);
      }
      log.debug("{}: claimed by another run", entry.recipient());
    }
    unrecorded.ifPresent(a -> run.sent(a.id(), a.outcome().reason(), clock.instant()));
    return null;
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
   * Sends a claimed delivery and records every outcome but acceptance (the caller records that
   * together with the next claim). Between attempts the delivery goes back to the queue, and the
   * pacer's wait comes before it is claimed again, so a run stopped while it waits leaves it due
   * rather than uncertain.
   */
  private Outcome deliverOne(
      DeliveryRun run, Claim claim, MailSender sender, Pacer pacer, BooleanSupplier stopRequested)
      throws InterruptedException {
    Entry entry = claim.entry();
    RetryBudget budget = new RetryBudget(policy.attempts(), policy.backoff());
    boolean claimed = true;
    while (true) {
      if (!claimed) {
        // the delivery is back in the queue: a stop asked for meanwhile leaves it due
        if (stopRequested.getAsBoolean()) {
          return new Outcome(Result.STOP, STOPPED);
        }
        pacer.awaitTurn();
        if (stopRequested.getAsBoolean()) {
          return new Outcome(Result.STOP, STOPPED);
        }
        if (!run.claim(entry.id(), claim.messageId(), clock.instant())) {
          return new Outcome(Result.DEFERRED, "claimed by another run");
        }
        pacer.take();
      }
      claimed = false;
      SmtpFailure failure;
      try {
        return new Outcome(Result.SENT, sender.send(claim.message()));
      } catch (MessagingException e) {
        failure = SmtpFailure.of(e);
      }
      switch (failure.kind()) {
        case PERMANENT -> {
          run.failed(entry.id(), failure.description(), clock.instant());
          return new Outcome(Result.FAILED, failure.description());
        }
        case REFUSED -> {
          run.requeue(entry.id(), failure.description(), clock.instant());
          return new Outcome(
              Result.STOP,
              "the server refused the session ("
                  + failure.description()
                  + "); check the smtp settings and credentials");
        }
        case UNCERTAIN -> {
          run.uncertain(entry.id(), failure.description(), clock.instant());
          sender.close();
          return new Outcome(Result.UNCERTAIN, failure.description());
        }
        default -> {
          run.requeue(entry.id(), failure.description(), clock.instant());
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
              "{} for delivery {} ({}); trying again in {} ms",
              next.action() == RetryBudget.Action.SLOW_DOWN
                  ? "the server asks to slow down"
                  : "temporary failure",
              entry.id(),
              Addresses.hidden(failure.description(), entry.recipient()),
              next.delay().toMillis());
          if (!sleepUnlessStopped(next.delay().toNanos(), stopRequested)) {
            return new Outcome(Result.STOP, STOPPED);
          }
        }
      }
    }
  }

  /** How often a wait looks whether a stop was asked for. */
  private static final long STOP_CHECK_MILLIS = 100;

  /**
   * Sleeps {@code nanos}, in steps of at most {@link #STOP_CHECK_MILLIS} so that a stop asked for
   * meanwhile (SIGTERM, Ctrl-C) ends the wait early.
   *
   * @return false if the wait ended because a stop was asked for
   */
  private static boolean sleepUnlessStopped(long nanos, BooleanSupplier stopRequested)
      throws InterruptedException {
    long end = System.nanoTime() + nanos;
    while (true) {
      if (stopRequested.getAsBoolean()) {
        return false;
      }
      long left = Math.min(end - System.nanoTime(), STOP_CHECK_MILLIS * 1_000_000);
      if (left <= 0) {
        return true;
      }
      Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    }
  }

  private DeliveryReport report(
      String week,
      ListEdition edition,
      int recipients,
      int sent,
      int alreadySent,
      Set<String> current,
      String stopped,
      String runId) {
    String list = edition.list().name();
    // the live runs first, then the rows: a run that finishes in between has recorded its last
    // delivery as sent by then, so it is not taken for a dead run's uncertain one
    Set<String> live = ledger.liveRuns(week, list);
    DeliveryStates.Outcomes outcomes =
        DeliveryStates.outcomes(ledger.entries(week, list), current, live, runId, stopped);
    return new DeliveryReport(
        edition.edition().id(),
        edition.list().name(),
        edition.edition().tlp(),
        recipients,
        sent,
        alreadySent,
        outcomes.failed(),
        outcomes.deferred(),
        outcomes.uncertain(),
        Optional.empty());
  }
}
