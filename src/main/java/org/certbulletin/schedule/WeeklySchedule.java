package org.certbulletin.schedule;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.certbulletin.model.ScheduleSettings;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * The publishing schedule as Quartz understands it: a cron expression read in the configured time
 * zone (Quartz follows that zone's daylight-saving rules), with the configured misfire policy.
 */
public final class WeeklySchedule {

  static final TriggerKey TRIGGER = TriggerKey.triggerKey("weekly", "cert-bulletin");

  private final ScheduleSettings settings;
  private final CronExpression expression;

  public WeeklySchedule(ScheduleSettings settings) {
    this.settings = settings;
    try {
      this.expression = new CronExpression(settings.cron());
    } catch (ParseException e) {
      throw new IllegalArgumentException("schedule.cron: '" + settings.cron() + "' is not a valid Quartz cron expression: "
          + e.getMessage());
    }
    expression.setTimeZone(TimeZone.getTimeZone(settings.zone()));
  }

  public ScheduleSettings settings() {
    return settings;
  }

  /** The next {@code count} firing times after {@code after}. */
  public List<Instant> next(Instant after, int count) {
    List<Instant> times = new ArrayList<>();
    Date cursor = Date.from(after);
    for (int i = 0; i < count; i++) {
      cursor = expression.getNextValidTimeAfter(cursor);
      if (cursor == null) {
        break;
      }
      times.add(cursor.toInstant());
    }
    return times;
  }

  /** The latest firing at or before {@code time}, looking back at most a year. */
  public java.util.Optional<Instant> previous(Instant time) {
    Date end = Date.from(time);
    for (java.time.Duration window = java.time.Duration.ofMinutes(1); window.toDays() <= 732; window = window.multipliedBy(2)) {
      Date last = null;
      Date cursor = Date.from(time.minus(window));
      while ((cursor = expression.getNextValidTimeAfter(cursor)) != null && !cursor.after(end)) {
        last = cursor;
      }
      if (last != null) {
        return java.util.Optional.of(last.toInstant());
      }
    }
    return java.util.Optional.empty();
  }

  /** The Quartz trigger for {@code job}. */
  public CronTrigger trigger(JobKey job) {
    CronScheduleBuilder schedule = CronScheduleBuilder.cronSchedule(expression.getCronExpression())
        .inTimeZone(TimeZone.getTimeZone(settings.zone()));
    schedule = settings.catchUp() ? schedule.withMisfireHandlingInstructionFireAndProceed()
        : schedule.withMisfireHandlingInstructionDoNothing();
    return TriggerBuilder.newTrigger().withIdentity(TRIGGER).forJob(job).withSchedule(schedule).build();
  }

  /** True if {@code stored} already is this schedule, so it can be kept with its pending firing. */
  boolean sameAs(CronTrigger stored) {
    return stored.getCronExpression().equals(expression.getCronExpression())
        && stored.getTimeZone().getID().equals(settings.zone().getId())
        && stored.getMisfireInstruction() == trigger(stored.getJobKey()).getMisfireInstruction();
  }
}
