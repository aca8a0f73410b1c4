package org.certbulletin.schedule;

import java.time.Instant;
import java.util.Optional;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.DaemonNode;
import org.certbulletin.service.RunResult;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job that emails one list its edition. Each list has its own job, so lists go out in
 * parallel and one list's outage does not hold up the others; a list's sends never overlap.
 */
@DisallowConcurrentExecution
final class SendJob implements Job {

  private static final String WEEK = "week";
  private static final String LIST = "list";
  private static final Logger log = LoggerFactory.getLogger(SendJob.class);

  private final DaemonNode node;

  SendJob(DaemonNode node) {
    this.node = node;
  }

  static JobKey key(String list) {
    return JobKey.jobKey("send-" + list, "cert-bulletin");
  }

  /** The trigger that sends {@code week} to {@code list} at {@code when}. */
  static Trigger trigger(String list, WeekId week, JobData data, Instant when) {
    return data.trigger(
            "send-"
                + list
                + "-"
                + week
                + "-"
                + data.scheduled().toEpochMilli()
                + "-"
                + data.attempt(),
            "send",
            key(list),
            when)
        .usingJobData(WEEK, week.toString())
        .usingJobData(LIST, list)
        .build();
  }

  @Override
  public void execute(JobExecutionContext context) {
    JobData data = JobData.of(context);
    WeekId week = WeekId.parse(context.getMergedJobDataMap().getString(WEEK));
    String list = context.getMergedJobDataMap().getString(LIST);
    RunResult result = node.send(week, list, data.scheduled(), data.kind(), data.attempt());
    context.setResult(result);
    if (!result.retry()) {
      return;
    }
    Optional<Instant> next = node.nextAttempt(data.scheduled());
    if (next.isEmpty()) {
      log.error("giving up sending {} to {} after {} attempt(s)", week, list, data.attempt());
      return;
    }
    try {
      context.getScheduler().scheduleJob(trigger(list, week, data.nextAttempt(), next.get()));
    } catch (SchedulerException e) {
      log.error("could not schedule a retry for {}: {}", list, e.getMessage());
    }
  }
}
