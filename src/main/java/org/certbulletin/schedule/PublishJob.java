package org.certbulletin.schedule;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job that publishes: one execution at a time, recovered after a crash. A failed run
 * schedules its own retry until the schedule gives up.
 */
@DisallowConcurrentExecution
public final class PublishJob implements Job {

  static final String CONTEXT_KEY = "cert-bulletin.publish";
  static final String MISFIRES_KEY = "cert-bulletin.misfires";
  static final String LISTS_KEY = "cert-bulletin.lists";
  static final String SCHEDULED = "scheduled";
  static final String ATTEMPT = "attempt";
  static final String KIND = "kind";
  static final String RETRY_GROUP = "retry";

  private static final Logger log = LoggerFactory.getLogger(PublishJob.class);

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    ScheduledPublish publish;
    MisfireTracker misfires;
    try {
      publish = (ScheduledPublish) context.getScheduler().getContext().get(CONTEXT_KEY);
      misfires = (MisfireTracker) context.getScheduler().getContext().get(MISFIRES_KEY);
    } catch (SchedulerException e) {
      throw new JobExecutionException(e);
    }
    JobDataMap data = context.getMergedJobDataMap();
    Instant scheduled = data.containsKey(SCHEDULED)
        ? Instant.ofEpochMilli(data.getLong(SCHEDULED)) : context.getScheduledFireTime().toInstant();
    int attempt = data.containsKey(ATTEMPT) ? data.getInt(ATTEMPT) : 1;
    String kind = context.isRecovering() ? "recovery"
        : misfires.takeCatchUp(context.getTrigger().getKey()) ? "catch-up"
        : data.containsKey(KIND) ? data.getString(KIND) : "schedule";
    if ("catch-up".equals(kind) && !data.containsKey(SCHEDULED)) {
      scheduled = publish.missedFiring(scheduled);
    }
    ScheduledPublish.Result result = publish.run(scheduled, kind, attempt);
    context.setResult(result);
    if (result.succeeded() && !"manual".equals(kind)) {
      scheduleSends(context, result.week(), scheduled);
    }
    if (!result.succeeded() && !"manual".equals(kind)) {
      scheduleRetry(context, publish, scheduled, attempt);
    }
  }

  /** After a successful publish, each list gets its edition through its own job. */
  @SuppressWarnings("unchecked")
  private static void scheduleSends(JobExecutionContext context, org.certbulletin.model.WeekId week, Instant scheduled) {
    java.util.List<String> lists;
    try {
      lists = (java.util.List<String>) context.getScheduler().getContext().get(LISTS_KEY);
    } catch (SchedulerException e) {
      log.error("could not schedule the sends of {}: {}", week, e.getMessage());
      return;
    }
    for (String list : lists) {
      try {
        context.getScheduler().scheduleJob(SendJob.trigger(list, week, scheduled, 1, context.getFireTime().toInstant(),
            "schedule"));
        log.info("sending {} to list {}", week, list);
      } catch (org.quartz.ObjectAlreadyExistsException e) {
        log.info("sending {} to list {} was already scheduled", week, list);
      } catch (SchedulerException e) {
        log.error("could not schedule sending {} to list {}: {}", week, list, e.getMessage());
      }
    }
  }

  private static void scheduleRetry(JobExecutionContext context, ScheduledPublish publish, Instant scheduled,
      int attempt) {
    Optional<Instant> next = publish.nextAttempt(scheduled);
    if (next.isEmpty()) {
      log.error("giving up on the firing scheduled for {} after {} attempt(s)", scheduled, attempt);
      return;
    }
    Trigger retry = TriggerBuilder.newTrigger()
        .withIdentity("retry-" + scheduled.toEpochMilli() + "-" + (attempt + 1), RETRY_GROUP)
        .forJob(context.getJobDetail().getKey())
        .usingJobData(SCHEDULED, scheduled.toEpochMilli())
        .usingJobData(ATTEMPT, attempt + 1)
        .usingJobData(KIND, "retry")
        .startAt(Date.from(next.get()))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
        .build();
    try {
      context.getScheduler().scheduleJob(retry);
      log.warn("attempt {} for the firing scheduled at {} will run at {}", attempt + 1, scheduled, next.get());
    } catch (SchedulerException e) {
      log.error("could not schedule a retry: {}", e.getMessage());
    }
  }
}
