package org.certbulletin.schedule;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.certbulletin.model.WeekId;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job that emails one list its edition. Each list has its own job, so lists go out in
 * parallel and one list's outage does not hold up the others; a list's sends never overlap.
 */
@DisallowConcurrentExecution
public final class SendJob implements Job {

  static final String CONTEXT_KEY = "cert-bulletin.send";
  static final String WEEK = "week";
  static final String LIST = "list";
  private static final Logger log = LoggerFactory.getLogger(SendJob.class);

  static JobKey key(String list) {
    return JobKey.jobKey("send-" + list, "cert-bulletin");
  }

  /** The trigger that sends {@code week} to {@code list} at {@code when}. */
  static Trigger trigger(String list, WeekId week, Instant scheduled, int attempt, Instant when, String kind) {
    return TriggerBuilder.newTrigger()
        .withIdentity("send-" + list + "-" + week + "-" + scheduled.toEpochMilli() + "-" + attempt, "send")
        .forJob(key(list))
        .usingJobData(WEEK, week.toString())
        .usingJobData(LIST, list)
        .usingJobData(PublishJob.SCHEDULED, scheduled.toEpochMilli())
        .usingJobData(PublishJob.ATTEMPT, attempt)
        .usingJobData(PublishJob.KIND, kind)
        .startAt(Date.from(when))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
        .build();
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    ScheduledSend send;
    try {
      send = (ScheduledSend) context.getScheduler().getContext().get(CONTEXT_KEY);
    } catch (SchedulerException e) {
      throw new JobExecutionException(e);
    }
    JobDataMap data = context.getMergedJobDataMap();
    WeekId week = WeekId.parse(data.getString(WEEK));
    String list = data.getString(LIST);
    Instant scheduled = Instant.ofEpochMilli(data.getLong(PublishJob.SCHEDULED));
    int attempt = data.getInt(PublishJob.ATTEMPT);
    String kind = context.isRecovering() ? "recovery" : data.getString(PublishJob.KIND);
    ScheduledSend.Result result = send.run(week, list, scheduled, kind, attempt);
    context.setResult(result);
    if (result.retry()) {
      Optional<Instant> next = send.nextAttempt(scheduled);
      if (next.isEmpty()) {
        log.error("giving up sending {} to {} after {} attempt(s)", week, list, attempt);
        return;
      }
      try {
        context.getScheduler().scheduleJob(trigger(list, week, scheduled, attempt + 1, next.get(), "retry"));
      } catch (SchedulerException e) {
        log.error("could not schedule a retry for {}: {}", list, e.getMessage());
      }
    }
  }
}
