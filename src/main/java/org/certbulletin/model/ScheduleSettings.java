package org.certbulletin.model;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * When the daemon publishes, read in a time zone, and how it handles downtime and failures.
 *
 * @param cron a Quartz cron expression (with seconds)
 * @param catchUp true to fire once at start-up for firings missed while down, false to skip them
 * @param retryEvery wait between attempts after a failed run
 * @param giveUpAfter no more attempts this long after the scheduled time
 * @param deadline the due week must be published this long after the scheduled time
 * @param shutdownGrace how long a stopping daemon lets a running job finish
 */
public record ScheduleSettings(String cron, ZoneId zone, boolean catchUp, Duration retryEvery, Duration giveUpAfter,
    Duration deadline, Duration shutdownGrace) {

  public ScheduleSettings {
    Objects.requireNonNull(cron, "cron == null");
    Objects.requireNonNull(zone, "zone == null");
    for (Duration d : new Duration[] {retryEvery, giveUpAfter, deadline, shutdownGrace}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive: " + d);
      }
    }
  }
}
