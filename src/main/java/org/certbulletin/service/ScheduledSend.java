package org.certbulletin.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.model.WeekId;
import org.certbulletin.store.RunHistory;

/**
 * One run of a list's sending job after a scheduled publish: sends what the delivery ledger says is
 * still due; anything not delivered is a failed run that the operators hear about.
 */
final class ScheduledSend {

  private final Supplier<MailService> services;
  private final RunRecorder recorder;
  private final ScheduleSettings schedule;
  private final Map<String, String> environment;
  private final Clock clock;

  /** True once the daemon is stopping: a send stops before its next message. */
  private final BooleanSupplier stopping;

  ScheduledSend(
      Supplier<MailService> services,
      RunHistory history,
      OperatorAlerts alerts,
      ScheduleSettings schedule,
      Map<String, String> environment,
      Clock clock,
      String node,
      RunRecorder.Audit audit,
      BooleanSupplier stopping) {
    this.services = services;
    this.stopping = stopping;
    this.recorder = new RunRecorder(history, alerts, clock, node, audit);
    this.schedule = schedule;
    this.environment = environment;
    this.clock = clock;
  }

  /** The job name of sending to {@code list}, as the run history shows it. */
  static String job(String list) {
    return "send:" + list;
  }

  RunResult run(WeekId week, String list, Instant scheduled, TriggerKind trigger, int attempt) {
    return run(week, list, scheduled, trigger, attempt, false);
  }

  /**
   * Sends {@code week} to {@code list}, or with {@code dryRun} writes the messages to the outbox
   * instead (a rehearsal: nothing is sent or recorded in the delivery ledger).
   */
  RunResult run(
      WeekId week,
      String list,
      Instant scheduled,
      TriggerKind trigger,
      int attempt,
      boolean dryRun) {
    return recorder.run(
        new RunRecorder.Request(
            job(list), "sending " + week + " to list " + list, week, scheduled, trigger, attempt),
        () -> {
          DeliveryReport report =
              services
                  .get()
                  .send(
                      week,
                      list,
                      new SendOptions(
                          dryRun,
                          false,
                          environment,
                          clock,
                          SendOptions.DEFAULT_OUTBOX_LIMIT,
                          false,
                          stopping));
          String detail =
              report.outbox().isPresent()
                  ? String.format(
                      Locale.ROOT,
                      "%s %s: %d message(s) written to %s, not sent%s",
                      report.edition().label(),
                      list,
                      report.recipients() - report.deferred().size(),
                      report.outbox().get(),
                      report.deferred().isEmpty()
                          ? ""
                          : "; " + report.deferred().size() + " not written: " + report.deferred())
                  : String.format(
                      Locale.ROOT,
                      "%s %s: %d sent now, %d already sent, %d failed, %d still due, %d uncertain",
                      report.edition().label(),
                      list,
                      report.sent(),
                      report.alreadySent(),
                      report.failed().size(),
                      report.deferred().size(),
                      report.uncertain().size());
          if (report.correction().isPresent()) {
            detail =
                "correction, version "
                    + report.correction().get().version()
                    + ", to the recipients of the earlier versions: "
                    + detail;
          }
          if (!report.failed().isEmpty()) {
            detail += "; failed: " + report.failed();
          }
          if (!report.uncertain().isEmpty()) {
            detail +=
                "; uncertain (check the mail log, then '"
                    + ProgramName.command(
                        "send " + week + " --list " + list + " --resend-uncertain")
                    + "'): "
                    + report.uncertain();
          }
          return new RunRecorder.Ending(report.complete(), !report.deferred().isEmpty(), detail);
        },
        "The scheduled email of the weekly bulletin did not reach every recipient of list "
            + list
            + ".",
        "While recipients are still due, the daemon tries again every "
            + schedule.retryEvery()
            + ".");
  }

  /** When the next attempt goes, if it fits before the schedule gives up. */
  Optional<Instant> nextAttempt(Instant scheduled) {
    return Retries.next(schedule, clock, scheduled);
  }
}
