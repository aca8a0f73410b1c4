package org.certbulletin.schedule;

import java.time.Duration;
import org.certbulletin.service.DaemonNode;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * The Quartz job that reads the bounce mailbox over IMAP every {@code bounces.imap.every}; in a
 * cluster one node reads it at a time, and reads missed while no daemon ran are not caught up (the
 * next one reads everything).
 */
@DisallowConcurrentExecution
final class BounceJob implements Job {

  static final JobKey KEY = JobKey.jobKey("bounces", "cert-bulletin");

  private static final TriggerKey TRIGGER = TriggerKey.triggerKey("bounces", "cert-bulletin");

  private final DaemonNode node;

  BounceJob(DaemonNode node) {
    this.node = node;
  }

  /** The trigger that fires the job now and every {@code every}. */
  static Trigger trigger(Duration every) {
    return TriggerBuilder.newTrigger()
        .withIdentity(TRIGGER)
        .forJob(KEY)
        .startNow()
        .withSchedule(
            SimpleScheduleBuilder.simpleSchedule()
                .withIntervalInMilliseconds(Math.max(1_000, every.toMillis()))
                .repeatForever()
                .withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
  }

  @Override
  public void execute(JobExecutionContext context) {
    node.readBounces();
  }
}
