package org.certbulletin.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.certbulletin.model.ScheduleSettings;

/**
 * When a failed run tries again: every {@code retry_every}, until {@code give_up_after} past the
 * scheduled time.
 */
final class Retries {

  private Retries() {}

  static Optional<Instant> next(ScheduleSettings schedule, Clock clock, Instant scheduled) {
    Instant next = clock.instant().plus(schedule.retryEvery());
    return next.isAfter(scheduled.plus(schedule.giveUpAfter()))
        ? Optional.empty()
        : Optional.of(next);
  }
}
