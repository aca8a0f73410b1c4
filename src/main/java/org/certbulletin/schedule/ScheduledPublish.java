package org.certbulletin.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.certbulletin.ingest.InvalidDataException;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.model.WeekId;
import org.certbulletin.publish.ProgressListener;
import org.certbulletin.publish.PublishReport;
import org.certbulletin.publish.WeekFailure;
import org.certbulletin.service.BulletinService;
import org.certbulletin.store.RunHistory;
import org.certbulletin.store.RunHistory.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the scheduled publishing job: works out the due week, publishes the archive, and
 * records the run. A run fails, loudly, when the due week's data is missing or invalid or the
 * archive cannot be written: it is recorded with the reason, logged at ERROR and emailed to the
 * operators; the caller then decides whether to try again.
 */
public final class ScheduledPublish {

  /** How a run ended. */
  public record Result(long runId, WeekId week, boolean succeeded, String detail) {
  }

  static final String JOB = "publish";
  private static final Logger log = LoggerFactory.getLogger(ScheduledPublish.class);

  private final Supplier<BulletinService> services;
  private final RunHistory history;
  private final OperatorAlerts alerts;
  private final ScheduleSettings schedule;
  private final Clock clock;
  private final String node;

  public ScheduledPublish(Supplier<BulletinService> services, RunHistory history, OperatorAlerts alerts,
      ScheduleSettings schedule, Clock clock, String node) {
    this.services = services;
    this.history = history;
    this.alerts = alerts;
    this.schedule = schedule;
    this.clock = clock;
    this.node = node;
  }

  public Result run(Instant scheduled, String trigger, int attempt) {
    WeekId due = DueWeek.at(scheduled, schedule.zone());
    Instant started = clock.instant();
    long id = history.start(JOB, trigger, due.toString(), scheduled, started, attempt, node);
    log.info("run {} ({}, attempt {}): publishing, due week {}", id, trigger, attempt, due);
    String detail;
    boolean succeeded;
    try {
      BulletinService service = services.get();
      if (!Files.isRegularFile(service.data().weekFile(due))) {
        throw new DueWeekMissing(due, service.data().weekFile(due).toString());
      }
      PublishReport report = service.publish(ProgressListener.NONE);
      WeekFailure dueFailure = report.failed().get(due);
      String summary = report.built().size() + " built, " + report.skipped().size() + " unchanged, "
          + report.failed().size() + " failed";
      if (dueFailure != null) {
        succeeded = false;
        detail = "the due week " + due + " could not be published (" + summary + "): " + dueFailure.reason();
      } else {
        succeeded = true;
        detail = "published " + due + " (" + summary + ")"
            + (report.failed().isEmpty() ? "" : "; failed: " + report.failed().keySet());
      }
    } catch (DueWeekMissing e) {
      succeeded = false;
      detail = e.getMessage();
    } catch (InvalidDataException e) {
      succeeded = false;
      detail = "invalid data: " + e.getMessage();
    } catch (IOException | RuntimeException e) {
      succeeded = false;
      detail = "publishing failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      succeeded = false;
      detail = "interrupted while publishing";
    }
    Instant finished = clock.instant();
    history.finish(id, succeeded ? Outcome.SUCCEEDED : Outcome.FAILED, finished, detail);
    if (succeeded) {
      log.info("run {} succeeded in {} ms: {}", id, Duration.between(started, finished).toMillis(), detail);
    } else {
      log.error("run {} FAILED (due week {}, attempt {}): {}", id, due, attempt, detail);
      alerts.alert("publishing " + due + " failed (attempt " + attempt + ")", String.join("\n",
          "The scheduled publication of the weekly bulletin failed.",
          "",
          "Due week:  " + due,
          "Scheduled: " + scheduled,
          "Attempt:   " + attempt,
          "Run id:    " + id,
          "",
          detail,
          "",
          "The daemon tries again every " + schedule.retryEvery() + " until " + scheduled.plus(schedule.giveUpAfter())
              + ". Run 'cert-bulletin status' to see the runs."));
    }
    return new Result(id, due, succeeded, detail);
  }

  /** Whether another attempt fits before the schedule gives up, and when. */
  public java.util.Optional<Instant> nextAttempt(Instant scheduled) {
    return Retries.next(schedule, clock, scheduled);
  }

  /**
   * The firing a catch-up stands for: Quartz reports the catch-up's own time, but the week due is
   * the one of the firing that was missed.
   */
  Instant missedFiring(Instant catchUp) {
    return schedule.firings().previous(catchUp).orElse(catchUp);
  }

  private static final class DueWeekMissing extends RuntimeException {
    DueWeekMissing(WeekId week, String file) {
      super("no data for the due week " + week + ": " + file + " does not exist; add it (a quiet week needs a"
          + " file too, with zero figures) and the next attempt will publish it");
    }
  }
}
