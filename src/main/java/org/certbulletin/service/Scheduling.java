package org.certbulletin.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.certbulletin.model.WeekId;

/**
 * The scheduler as the doors see it: start the daemon, rehearse a firing, report the status. Its
 * Quartz wiring lives in {@code schedule}, which implements this and is found at run time ({@link
 * Provider}), so that no door depends on the scheduler's plumbing and the service does not depend
 * on the scheduler that calls it. Failures are {@link ServiceFailure}s.
 */
public interface Scheduling {

  /** Starts the daemon: it publishes on the schedule until it is closed or stopped. */
  RunningDaemon start();

  /**
   * The firing of the schedule that publishes {@code week}, for a run by hand of that week.
   *
   * @throws IllegalArgumentException if {@code week} has not ended yet
   */
  Instant firingFor(WeekId week);

  /**
   * Rehearses the firing that publishes {@code week} (default: the week due now) without the
   * scheduler, writing each list's messages to the outbox; each run is told to {@code ended} as it
   * ends.
   *
   * @param stopping polled between the lists and before each message: true stops there
   * @return every run, the publish first
   */
  List<RunResult> rehearse(
      Optional<WeekId> week, BooleanSupplier stopping, Consumer<RunResult> ended);

  /** The schedule, its next firings, the last {@code runs} runs and what is published or late. */
  StatusReport status(int runs);

  /** Makes the scheduling of an application; {@code schedule} provides it. */
  interface Provider {
    Scheduling on(Application application);
  }
}
