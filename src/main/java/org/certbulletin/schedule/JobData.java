package org.certbulletin.schedule;

import java.time.Instant;
import java.util.Date;
import org.certbulletin.service.TriggerKind;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.TriggerBuilder;

/**
 * What a one-off trigger (a retry, a send, a manual run) tells its job: the firing it stands for,
 * the attempt and what started it. The weekly trigger carries none of it.
 */
record JobData(Instant scheduled, int attempt, TriggerKind kind) {

  private static final String SCHEDULED = "scheduled";
  private static final String ATTEMPT = "attempt";
  private static final String KIND = "kind";

  /**
   * The data of this execution; the weekly trigger's own firing has none, so it is the schedule's.
   */
  static JobData of(JobExecutionContext context) {
    JobDataMap data = context.getMergedJobDataMap();
    Instant scheduled =
        data.containsKey(SCHEDULED)
            ? Instant.ofEpochMilli(data.getLong(SCHEDULED))
            : context.getScheduledFireTime().toInstant();
    int attempt = data.containsKey(ATTEMPT) ? data.getInt(ATTEMPT) : 1;
    TriggerKind kind =
        data.containsKey(KIND) ? TriggerKind.fromCode(data.getString(KIND)) : TriggerKind.SCHEDULE;
    return new JobData(scheduled, attempt, context.isRecovering() ? TriggerKind.RECOVERY : kind);
  }

  /** True when this execution was started by the weekly trigger (no data of its own). */
  static boolean isWeeklyFiring(JobExecutionContext context) {
    return !context.getMergedJobDataMap().containsKey(SCHEDULED);
  }

  /**
   * A trigger that runs {@code job} once at {@code when} with this data (and fires at once if
   * late).
   */
  TriggerBuilder<SimpleTrigger> trigger(String name, String group, JobKey job, Instant when) {
    return TriggerBuilder.newTrigger()
        .withIdentity(name, group)
        .forJob(job)
        .usingJobData(SCHEDULED, scheduled.toEpochMilli())
        .usingJobData(ATTEMPT, attempt)
        .usingJobData(KIND, kind.code())
        .startAt(Date.from(when))
        .withSchedule(
            SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow());
  }

  /** The data of the next attempt at the same firing. */
  JobData nextAttempt() {
    return new JobData(scheduled, attempt + 1, TriggerKind.RETRY);
  }
}
