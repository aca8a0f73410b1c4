package org.certbulletin.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.DaemonNode;
import org.certbulletin.service.RunResult;
import org.certbulletin.service.TriggerKind;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job that publishes: one execution at a time, recovered after a crash. A failed run
 * schedules its own retry until the schedule gives up; a successful scheduled run starts each
 * list's sending job.
 */
@DisallowConcurrentExecution
final class PublishJob implements Job {

  static final JobKey KEY = JobKey.jobKey("publish", "cert-bulletin");

  private static final Logger log = LoggerFactory.getLogger(PublishJob.class);

  private final DaemonNode node;
  private final MisfireTracker misfires;
  private final List<String> lists;

  PublishJob(DaemonNode node, MisfireTracker misfires, List<String> lists) {
    this.node = node;
    this.misfires = misfires;
    this.lists = lists;
  }

  @Override
  public void execute(JobExecutionContext context) {
    JobData data = JobData.of(context);
    boolean mayCatchUp = data.kind() != TriggerKind.RECOVERY && data.kind() != TriggerKind.MANUAL;
    if (mayCatchUp && misfires.takeCatchUp(context.getTrigger().getKey())) {
      Instant missed =
          JobData.isWeeklyFiring(context) ? node.missedFiring(data.scheduled()) : data.scheduled();
      data = new JobData(missed, data.attempt(), TriggerKind.CATCH_UP);
    }
    RunResult result = node.publish(data.scheduled(), data.kind(), data.attempt());
    context.setResult(result);
    if (data.kind() == TriggerKind.MANUAL) {
      return;
    }
    Instant scheduled = data.scheduled();
    result
        .corrections()
        .forEach((week, corrected) -> scheduleSends(context, week, scheduled, corrected));
    if (result.heldUntil().isPresent()) {
      scheduleRelease(context, data, result.heldUntil().get());
    } else if (result.succeeded()) {
      scheduleSends(context, result.week(), data.scheduled());
    } else {
      scheduleRetry(context, data);
    }
  }

  private void scheduleSends(JobExecutionContext context, WeekId week, Instant scheduled) {
    scheduleSends(context, week, scheduled, lists);
  }

  /**
   * Starts the sending jobs of {@code week} to {@code lists}: every list for the due week, the
   * lists sent an earlier version for a correction of another week.
   */
  private static void scheduleSends(
      JobExecutionContext context, WeekId week, Instant scheduled, List<String> lists) {
    for (String list : lists) {
      try {
        context
            .getScheduler()
            .scheduleJob(
                SendJob.trigger(
                    list,
                    week,
                    new JobData(scheduled, 1, TriggerKind.SCHEDULE),
                    context.getFireTime().toInstant()));
        log.info("sending {} to list {}", week, list);
      } catch (ObjectAlreadyExistsException e) {
        log.info("sending {} to list {} was already scheduled", week, list);
      } catch (SchedulerException e) {
        log.error("could not schedule sending {} to list {}: {}", week, list, e.getMessage());
      }
    }
  }

  /**
   * Runs the firing {@code data} stands for again at {@code release}, the due week's release time:
   * it is published and sent then, not before. Every node may ask; the trigger's name makes one.
   */
  private static void scheduleRelease(JobExecutionContext context, JobData data, Instant release) {
    try {
      context
          .getScheduler()
          .scheduleJob(
              data.trigger(
                      "release-" + data.scheduled().toEpochMilli() + "-" + release.toEpochMilli(),
                      "release",
                      KEY,
                      release)
                  .build());
      log.info(
          "the firing scheduled at {} runs again at the release time {}",
          data.scheduled(),
          release);
    } catch (ObjectAlreadyExistsException e) {
      log.info("the release at {} was already scheduled", release);
    } catch (SchedulerException e) {
      log.error("could not schedule the release at {}: {}", release, e.getMessage());
    }
  }

  private void scheduleRetry(JobExecutionContext context, JobData data) {
    Optional<Instant> next = node.nextAttempt(data.scheduled());
    if (next.isEmpty()) {
      log.error(
          "giving up on the firing scheduled for {} after {} attempt(s)",
          data.scheduled(),
          data.attempt());
      return;
    }
    JobData retry = data.nextAttempt();
    try {
      context
          .getScheduler()
          .scheduleJob(
              retry
                  .trigger(
                      "retry-" + data.scheduled().toEpochMilli() + "-" + retry.attempt(),
                      "retry",
                      KEY,
                      next.get())
                  .build());
      log.warn(
          "attempt {} for the firing scheduled at {} will run at {}",
          retry.attempt(),
          data.scheduled(),
          next.get());
    } catch (SchedulerException e) {
      log.error("could not schedule a retry: {}", e.getMessage());
    }
  }
}
