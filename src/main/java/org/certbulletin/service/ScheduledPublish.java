package org.certbulletin.service;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.model.WeekId;
import org.certbulletin.publish.PublishReport;
import org.certbulletin.publish.WeekFailure;
import org.certbulletin.store.RunHistory;

/**
 * One run of the scheduled publishing job: works out the due week and publishes the archive. A run
 * fails, loudly, when the due week's data is missing or invalid or the archive cannot be written;
 * the caller then decides whether to try again.
 */
final class ScheduledPublish {

  static final String JOB = "publish";

  private final Supplier<BulletinService> services;
  private final Supplier<ReviewDesk> reviews;
  private final String node;
  private final RunRecorder recorder;
  private final ScheduleSettings schedule;
  private final Clock clock;

  ScheduledPublish(
      Supplier<BulletinService> services,
      Supplier<ReviewDesk> reviews,
      RunHistory history,
      OperatorAlerts alerts,
      ScheduleSettings schedule,
      Clock clock,
      String node,
      RunRecorder.Audit audit) {
    this.services = services;
    this.reviews = reviews;
    this.node = node;
    this.recorder = new RunRecorder(history, alerts, clock, node, audit);
    this.schedule = schedule;
    this.clock = clock;
  }

  RunResult run(Instant scheduled, TriggerKind trigger, int attempt) {
    WeekId due = DueWeek.at(scheduled, schedule.zone());
    return recorder.run(
        new RunRecorder.Request(JOB, "publishing " + due, due, scheduled, trigger, attempt),
        () -> publish(due),
        "The scheduled publication of the weekly bulletin failed.",
        "The daemon tries again every "
            + schedule.retryEvery()
            + " until "
            + scheduled.plus(schedule.giveUpAfter())
            + ".");
  }

  private RunRecorder.Ending publish(WeekId due) throws IOException, InterruptedException {
    BulletinService service = services.get();
    if (!Files.isRegularFile(service.data().weekFile(due))) {
      return new RunRecorder.Ending(
          false,
          true,
          "no data for the due week "
              + due
              + ": "
              + service.data().weekFile(due)
              + " does not exist; add it (a quiet week needs a file too, with zero figures) and the"
              + " next attempt will publish it");
    }
    ReviewDesk desk = reviews.get();
    Outgoing outgoing = desk.outgoing(service);
    Optional<Instant> release = Optional.ofNullable(outgoing.releases().get(due));
    if (!outgoing.leaves(due)) {
      if (release.isPresent()) {
        return RunRecorder.Ending.held(
            release.get(),
            "the due week "
                + due
                + " is approved and released at "
                + release.get()
                + ": it is published then, not before");
      }
      return new RunRecorder.Ending(
          false, true, "the due week " + due + " may not be published: " + outgoing.whyNot(due));
    }
    PublishReport report = service.releasing(outgoing).publish(ProgressListener.NONE);
    if (report.failed().isEmpty() || !report.failed().containsKey(due)) {
      desk.published(outgoing, Application.scheduler(node));
    }
    WeekFailure dueFailure = report.failed().get(due);
    String summary =
        report.built().size()
            + " built, "
            + report.skipped().size()
            + " unchanged, "
            + report.failed().size()
            + " failed";
    if (dueFailure != null) {
      return new RunRecorder.Ending(
          false,
          !dueFailure.timeLimit(),
          (dueFailure.timeLimit() ? RunRecorder.NOT_RETRIED : "")
              + "the due week "
              + due
              + " could not be published ("
              + summary
              + "): "
              + dueFailure.reason());
    }
    if (release.isPresent()) {
      return RunRecorder.Ending.held(
          release.get(),
          "published "
              + due
              + " as version "
              + outgoing.versions().get(due)
              + "; its next version is approved and released at "
              + release.get()
              + ", and published then ("
              + summary
              + ")");
    }
    return new RunRecorder.Ending(
        true,
        false,
        "published "
            + due
            + " ("
            + summary
            + ")"
            + (report.failed().isEmpty() ? "" : "; failed: " + report.failed().keySet()));
  }

  /** Whether another attempt fits before the schedule gives up, and when. */
  Optional<Instant> nextAttempt(Instant scheduled) {
    return Retries.next(schedule, clock, scheduled);
  }

  /**
   * The firing a catch-up stands for: Quartz reports the catch-up's own time, but the week due is
   * the one of the firing that was missed.
   */
  Instant missedFiring(Instant catchUp) {
    return schedule.firings().previous(catchUp).orElse(catchUp);
  }
}
