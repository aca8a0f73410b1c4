package org.certbulletin.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.files.LockHeldException;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.WeekId;
import org.certbulletin.render.TemplateTimeLimitException;
import org.certbulletin.store.RunHistory;
import org.certbulletin.store.RunHistory.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The skeleton every scheduled run shares: recorded in the history when it starts and when it ends,
 * never throwing (a failure is an outcome with its reason), logged, and emailed to the operators
 * when it fails.
 */
final class RunRecorder {

  /** What the work of a run reports. */
  record Ending(
      boolean succeeded,
      boolean retry,
      String detail,
      Optional<Instant> heldUntil,
      Map<WeekId, List<String>> corrections) {

    Ending(boolean succeeded, boolean retry, String detail) {
      this(succeeded, retry, detail, Optional.empty(), Map.of());
    }

    /** Nothing to do before {@code release}: not a failure, and the run is to be made then. */
    static Ending held(Instant release, String detail) {
      return new Ending(false, false, detail, Optional.of(release), Map.of());
    }

    /** This ending, having published the corrections {@code corrections} (see RunResult). */
    Ending correcting(Map<WeekId, List<String>> corrections) {
      return new Ending(succeeded, retry, detail, heldUntil, corrections);
    }

    boolean done() {
      return succeeded || heldUntil.isPresent();
    }
  }

  /** The work of a run. */
  @FunctionalInterface
  interface Work {
    Ending perform() throws IOException, InterruptedException;
  }

  /**
   * Which run is asked for: the firing it stands for, what started it, and which attempt it is.
   *
   * @param job the job's name in the run history ({@code publish}, {@code send:public})
   * @param action what the run does, for people ({@code publishing 2024-W51})
   */
  record Request(
      String job, String action, WeekId week, Instant scheduled, TriggerKind trigger, int attempt) {

    @Override
    public String toString() {
      return action
          + " ("
          + trigger.code()
          + ", attempt "
          + attempt
          + ", scheduled "
          + scheduled
          + ")";
    }
  }

  /** Where a run's outcome goes in the audit log, as the HTTP operation of the same name. */
  @FunctionalInterface
  interface Audit {
    /** Nothing audited: a rehearsal changes nothing. */
    Audit NONE = (operation, target, outcome, detail) -> {};

    void record(String operation, String target, AuditEntry.Outcome outcome, String detail);

    /**
     * The audit log of {@code application}'s state database, each run attributed to the scheduler
     * of {@code node}; a log that cannot be written is logged and does not change the run's
     * outcome.
     */
    static Audit of(Application application, String node) {
      return (operation, target, outcome, detail) -> {
        try {
          application
              .access()
              .audit(Application.scheduler(node), operation, target, node, outcome, detail);
        } catch (RuntimeException e) {
          log.error("cannot write the audit entry of {} {}: {}", operation, target, e.getMessage());
        }
      };
    }
  }

  private static final Logger log = LoggerFactory.getLogger(RunRecorder.class);

  /** How a run stopped at render.time_limit begins its detail. */
  static final String NOT_RETRIED =
      "template time limit (not retried until the next scheduled run; fix the template): ";

  private final RunHistory history;
  private final OperatorAlerts alerts;
  private final Clock clock;
  private final String node;
  private final Audit audit;

  RunRecorder(RunHistory history, OperatorAlerts alerts, Clock clock, String node, Audit audit) {
    this.history = history;
    this.alerts = alerts;
    this.clock = clock;
    this.node = node;
    this.audit = audit;
  }

  /**
   * Runs {@code work} as the run {@code request} and records how it ended.
   *
   * @param alertText the first lines of the operators' email when the run fails
   */
  RunResult run(Request request, Work work, String alertText, String nextStep) {
    Instant started = clock.instant();
    long id =
        history.start(
            request.job(),
            request.trigger().code(),
            request.week().toString(),
            request.scheduled(),
            started,
            request.attempt(),
            node);
    log.info("run {}: {}", id, request);
    Ending ending;
    try {
      ending = work.perform();
    } catch (TemplateTimeLimitException e) {
      // not retried: the runaway template's thread may still run, and each retry could leave one
      // more; the next scheduled firing tries again
      ending = new Ending(false, false, NOT_RETRIED + e.getMessage());
    } catch (InvalidDataException e) {
      ending = new Ending(false, true, "invalid data: " + e.getMessage());
    } catch (LockHeldException e) {
      // another run, maybe on another node, does the same work now: try again later
      ending = new Ending(false, true, "busy: " + e.getMessage());
    } catch (IOException e) {
      ending = new Ending(false, true, request.job() + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ending = new Ending(false, true, "interrupted during " + request.job());
    } catch (RuntimeException e) {
      log.error("run {} ({}) failed unexpectedly", id, request, e);
      ending = new Ending(false, true, request.job() + " failed: " + e);
    }
    Instant finished = clock.instant();
    history.finish(
        id, ending.done() ? Outcome.SUCCEEDED : Outcome.FAILED, finished, ending.detail());
    audit.record(
        request.job().startsWith("send:") ? "sendWeek" : request.job(),
        request.job().startsWith("send:")
            ? request.week() + " " + request.job().substring("send:".length())
            : request.week().toString(),
        ending.done() ? AuditEntry.Outcome.OK : AuditEntry.Outcome.FAILED,
        "run " + id + ", " + request.trigger().code() + ": " + ending.detail());
    if (ending.done()) {
      log.info(
          "run {} succeeded in {} ms: {}",
          id,
          Duration.between(started, finished).toMillis(),
          ending.detail());
    } else {
      log.error("run {} FAILED ({}): {}", id, request, ending.detail());
      alerts.alert(
          request.action() + " failed (attempt " + request.attempt() + ")",
          String.join(
              "\n",
              alertText,
              "",
              "Week:      " + request.week(),
              "Scheduled: " + request.scheduled(),
              "Trigger:   " + request.trigger().code(),
              "Attempt:   " + request.attempt(),
              "Run id:    " + id,
              "Node:      " + node,
              "",
              ending.detail(),
              "",
              nextStep,
              "Run '" + ProgramName.command("status") + "' to see the runs."));
    }
    return new RunResult(
        id,
        request.week(),
        ending.succeeded(),
        ending.retry(),
        ending.detail(),
        ending.heldUntil(),
        ending.corrections());
  }
}
