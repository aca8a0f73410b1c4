package org.certbulletin.schedule;

import java.util.TimeZone;
import org.certbulletin.model.ScheduleSettings;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * The publishing schedule as a Quartz trigger: the configured cron read in its time zone, with the
 * configured misfire policy.
 */
final class WeeklySchedule {

  static final TriggerKey TRIGGER = TriggerKey.triggerKey("weekly", "cert-bulletin");

  private final ScheduleSettings settings;

  WeeklySchedule(ScheduleSettings settings) {
    this.settings = settings;
    settings.firings();
  }

  /** The Quartz trigger for {@code job}. */
  CronTrigger trigger(JobKey job) {
    CronScheduleBuilder schedule =
        CronScheduleBuilder.cronSchedule(settings.cron())
            .inTimeZone(TimeZone.getTimeZone(settings.zone()));
    schedule =
        settings.catchUp()
            ? schedule.withMisfireHandlingInstructionFireAndProceed()
            : schedule.withMisfireHandlingInstructionDoNothing();
    return TriggerBuilder.newTrigger()
        .withIdentity(TRIGGER)
        .forJob(job)
        .withSchedule(schedule)
        .build();
  }

  @Override
  public String toString() {
    return settings.firings().toString();
  }

  /** True if {@code stored} already is this schedule, so it can be kept with its pending firing. */
  boolean sameAs(CronTrigger stored) {
    return stored.getCronExpression().equals(trigger(stored.getJobKey()).getCronExpression())
        && stored.getTimeZone().getID().equals(settings.zone().getId())
        && stored.getMisfireInstruction() == trigger(stored.getJobKey()).getMisfireInstruction();
  }
}
