package org.certbulletin.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.WeekId;

/**
 * The scheduler as the doors see it: start the daemon, rehearse a firing, report the status. The
 * daemon runs on Quartz, which lives in {@code schedule} and is found at run time ({@link
 * Provider}), so that the service does not depend on the door that calls it; everything else is the
 * service's own. Failures are {@link ServiceFailure}s.
 */
public final class Scheduling {

  /** Starts the daemon of an application; {@code schedule} provides it. */
  public interface Provider {

    /**
     * Starts the daemon on {@code application}.
     *
     * @throws ServiceFailure if it cannot start
     */
    RunningDaemon start(Application application);
  }

  private final Application application;

  Scheduling(Application application) {
    this.application = application;
  }

  /**
   * Starts the daemon: it publishes on the schedule until it is closed or stopped.
   *
   * @throws IllegalStateException if this build has no scheduler
   */
  public RunningDaemon start() {
    return ServiceLoader.load(Provider.class, Scheduling.class.getClassLoader())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("this build has no scheduler"))
        .start(application);
  }

  /**
   * The firing of the schedule that publishes {@code week}, for a run by hand of that week.
   *
   * @throws IllegalArgumentException if {@code week} has not ended yet
   */
  public Instant firingFor(WeekId week) {
    return call(
        () -> {
          DataDirectory data = new DataDirectory(application.workspace().data());
          return DueWeek.firingFor(
              week, DaemonNode.settings(data, data.config()), application.clock().instant());
        });
  }

  /**
   * Rehearses the firing that publishes {@code week} (default: the week due now) without the
   * scheduler, writing each list's messages to the outbox; each run is told to {@code ended} as it
   * ends.
   *
   * @param stopping polled between the lists and before each message: true stops there
   * @return every run, the publish first
   */
  public List<RunResult> rehearse(
      Optional<WeekId> week, BooleanSupplier stopping, Consumer<RunResult> ended) {
    return call(() -> new Rehearsal(application, stopping).run(week, ended));
  }

  /**
   * The schedule, its next firings, the last {@code runs} runs, the nodes, the deliveries, the
   * archive's weeks and whether the due week is late.
   */
  public StatusReport status(int runs) {
    return call(
        () ->
            new Status(application.workspace(), application.clock(), application::reviews)
                .report(runs));
  }

  private static <T> T call(Failures.Work<T> work) {
    try {
      return Failures.translate(work);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceFailure.Failed("interrupted", e);
    }
  }
}
