package org.certbulletin.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * When the daemon publishes, read in a time zone, and how it handles downtime and failures. Absent
 * durations take the defaults docs/reference/config.md gives.
 *
 * @param cron a Quartz cron expression (with seconds)
 * @param zone the zone the cron is read in (the reader fills in the issuer's when none is given)
 * @param misfire what happens to firings missed while the daemon was down
 * @param retryEvery wait between attempts after a failed run
 * @param giveUpAfter no more attempts this long after the scheduled time
 * @param deadline the due week must be published this long after the scheduled time
 * @param shutdownGrace how long a stopping daemon lets a running job finish
 */
public record ScheduleSettings(
    String cron,
    @JsonProperty("time_zone") ZoneId zone,
    Misfire misfire,
    Duration retryEvery,
    Duration giveUpAfter,
    Duration deadline,
    Duration shutdownGrace) {

  /** What to do about firings missed while the daemon was down. */
  public enum Misfire {
    /** Fire once at start-up for all the firings missed. */
    FIRE_ONCE,
    /** Wait for the next firing. */
    SKIP;

    @JsonCreator
    public static Misfire fromCode(String code) {
      return EnumCodes.parse(Misfire.class, code, Misfire::code, "misfire policy");
    }

    @JsonValue
    public String code() {
      return EnumCodes.lowerCase(this);
    }
  }

  public ScheduleSettings {
    Objects.requireNonNull(cron, "cron == null");
    Objects.requireNonNull(zone, "zone == null");
    misfire = misfire == null ? Misfire.FIRE_ONCE : misfire;
    retryEvery = positive(retryEvery, Duration.ofHours(1), "retry_every");
    giveUpAfter = positive(giveUpAfter, Duration.ofDays(2), "give_up_after");
    deadline = positive(deadline, Duration.ofHours(2), "deadline");
    shutdownGrace = positive(shutdownGrace, Duration.ofMinutes(2), "shutdown_grace");
  }

  /** True when missed firings are caught up once at start-up. */
  public boolean catchUp() {
    return misfire == Misfire.FIRE_ONCE;
  }

  /** The firing times of this schedule. */
  public CronSchedule firings() {
    return new CronSchedule(cron, zone);
  }

  /**
   * The firing that publishes {@code week}: the schedule's first in the week after it, in the
   * schedule's zone, since a firing publishes the latest week ended by then; empty if the schedule
   * does not fire in that week.
   */
  public Optional<Instant> firingFor(WeekId week) {
    Instant from = week.next().start().atStartOfDay(zone).toInstant();
    Instant until = week.next().next().start().atStartOfDay(zone).toInstant();
    return firings().next(from.minusSeconds(1), 1).stream()
        .filter(firing -> firing.isBefore(until))
        .findFirst();
  }

  private static Duration positive(Duration value, Duration fallback, String name) {
    Duration d = value == null ? fallback : value;
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
    return d;
  }
}
