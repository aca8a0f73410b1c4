package org.certbulletin.service;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.certbulletin.mail.CorrectionRecipients;
import org.certbulletin.model.Config;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.model.WeekId;
import org.certbulletin.publish.PublishReport;
import org.certbulletin.publish.WeekFailure;
import org.certbulletin.store.Database;
import org.certbulletin.store.DeliveryLedger;
import org.certbulletin.store.RunHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the scheduled publishing job: works out the due week and publishes the archive. A run
 * fails, loudly, when the due week's data is missing or invalid or the archive cannot be written;
 * the caller then decides whether to try again.
 */
final class ScheduledPublish {

  private static final Logger log = LoggerFactory.getLogger(ScheduledPublish.class);

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
    desk.published(outgoing, Application.scheduler(node), report.failed().keySet());
    RunRecorder.Ending ending = outcome(due, outgoing, release, report);
    return report.failed().containsKey(due)
        ? ending
        : ending.correcting(corrections(service, due, outgoing, report));
  }

  private static RunRecorder.Ending outcome(
      WeekId due, Outgoing outgoing, Optional<Instant> release, PublishReport report) {
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

  /**
   * The weeks other than {@code due} that {@code report} published a correction of (a version 2 or
   * later newly approved), each with the lists the delivery ledger shows were sent an earlier
   * version of it: the lists their correction goes to. Without SMTP settings nothing is recorded,
   * so nothing is corrected by mail.
   */
  private static Map<WeekId, List<String>> corrections(
      BulletinService service, WeekId due, Outgoing outgoing, PublishReport report) {
    Config config = service.data().config();
    List<WeekId> corrected =
        outgoing.toPublish().stream()
            .filter(w -> !w.equals(due) && !report.failed().containsKey(w))
            .filter(w -> outgoing.versions().getOrDefault(w, 1) > 1)
            .sorted()
            .toList();
    if (corrected.isEmpty() || config.smtp().isEmpty()) {
      return Map.of();
    }
    Map<WeekId, List<String>> corrections = new TreeMap<>();
    try (Database database = Database.open(config.state(), service.layout())) {
      // a failure here must not fail the publish: it is done, and a retry would not see these
      // versions as newly published; the operators are told to send the corrections by hand
      DeliveryLedger ledger = new DeliveryLedger(database.dataSource());
      for (WeekId week : corrected) {
        int version = outgoing.versions().get(week);
        List<String> lists =
            config.lists().stream()
                .map(DistributionList::name)
                .filter(list -> CorrectionRecipients.sentBefore(ledger, week, version, list))
                .toList();
        if (!lists.isEmpty()) {
          corrections.put(week, lists);
        }
      }
    } catch (RuntimeException e) {
      log.error(
          "published corrections of {} but cannot tell which lists to send them to ({}); send"
              + " each to the lists that had the version before: {}",
          corrected,
          e.getMessage(),
          ProgramName.command("send WEEK --list NAME"));
    }
    return corrections;
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
