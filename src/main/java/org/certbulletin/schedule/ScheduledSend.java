package org.certbulletin.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.certbulletin.mail.DeliveryReport;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.service.SendOptions;
import org.certbulletin.store.RunHistory;
import org.certbulletin.store.RunHistory.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a list's sending job after a scheduled publish: sends what the delivery ledger says
 * is still due, records the run, and reports anything not delivered to the operators.
 */
public final class ScheduledSend {

  /** How a run ended; {@code retry} when recipients are still due after temporary failures. */
  public record Result(long runId, boolean succeeded, boolean retry, String detail) {
  }

  private static final Logger log = LoggerFactory.getLogger(ScheduledSend.class);

  private final Supplier<BulletinService> services;
  private final RunHistory history;
  private final OperatorAlerts alerts;
  private final ScheduleSettings schedule;
  private final Map<String, String> environment;
  private final Clock clock;
  private final String node;

  public ScheduledSend(Supplier<BulletinService> services, RunHistory history, OperatorAlerts alerts,
      ScheduleSettings schedule, Map<String, String> environment, Clock clock, String node) {
    this.services = services;
    this.history = history;
    this.alerts = alerts;
    this.schedule = schedule;
    this.environment = environment;
    this.clock = clock;
    this.node = node;
  }

  public Result run(WeekId week, String list, Instant scheduled, String trigger, int attempt) {
    long id = history.start("send:" + list, trigger, week.toString(), scheduled, clock.instant(), attempt, node);
    boolean succeeded;
    boolean retry = false;
    String detail;
    try {
      DeliveryReport report = services.get().send(week, list, new SendOptions(false, false, environment, clock));
      detail = String.format("%s %s: %d sent now, %d already sent, %d failed, %d still due, %d uncertain",
          report.edition().label(), list, report.sent(), report.alreadySent(), report.failed().size(),
          report.deferred().size(), report.uncertain().size());
      if (!report.failed().isEmpty()) {
        detail += "; failed: " + report.failed();
      }
      if (!report.uncertain().isEmpty()) {
        detail += "; uncertain (check the mail log, then send --resend-uncertain): " + report.uncertain();
      }
      succeeded = report.complete();
      retry = !report.deferred().isEmpty();
    } catch (RuntimeException | java.io.IOException e) {
      succeeded = false;
      detail = "sending failed: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      succeeded = false;
      detail = "interrupted while sending";
    }
    history.finish(id, succeeded ? Outcome.SUCCEEDED : Outcome.FAILED, clock.instant(), detail);
    if (succeeded) {
      log.info("run {}: {}", id, detail);
    } else {
      log.error("run {} (sending {} to {}, attempt {}) did not deliver to everyone: {}", id, week, list, attempt, detail);
      alerts.alert("sending " + week + " to list " + list + " incomplete (attempt " + attempt + ")", String.join("\n",
          "The scheduled email of the weekly bulletin did not reach every recipient.", "", "Week: " + week,
          "List: " + list, "Run id: " + id, "", detail, "",
          retry ? "The daemon tries again every " + schedule.retryEvery() + "." : "No automatic retry: see the details."));
    }
    return new Result(id, succeeded, retry, detail);
  }

  /** When the next attempt goes, if it fits before the schedule gives up. */
  public Optional<Instant> nextAttempt(Instant scheduled) {
    return Retries.next(schedule, clock, scheduled);
  }
}
