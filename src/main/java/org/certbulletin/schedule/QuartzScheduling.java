package org.certbulletin.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.Application;
import org.certbulletin.service.Failures;
import org.certbulletin.service.RunResult;
import org.certbulletin.service.RunningDaemon;
import org.certbulletin.service.Scheduling;
import org.certbulletin.service.ServiceFailure;
import org.certbulletin.service.StatusReport;
import org.quartz.SchedulerException;

/** The scheduling of an application on Quartz: the daemon, rehearsals and the status. */
public final class QuartzScheduling implements Scheduling {

  /** How {@link Application#scheduling()} finds this (a service provider). */
  public static final class Provider implements Scheduling.Provider {

    @Override
    public Scheduling on(Application application) {
      return new QuartzScheduling(application);
    }
  }

  private final Application application;

  QuartzScheduling(Application application) {
    this.application = application;
  }

  @Override
  public RunningDaemon start() {
    return new Running(
        call(
            () -> {
              try {
                return Daemon.start(application, Daemon.Options.defaults().misfireThreshold());
              } catch (SchedulerException e) {
                throw failed("cannot start the scheduler", e);
              }
            }));
  }

  @Override
  public Instant firingFor(WeekId week) {
    return call(
        () -> Daemon.firingFor(application.workspace(), week, application.clock().instant()));
  }

  @Override
  public List<RunResult> rehearse(
      Optional<WeekId> week, BooleanSupplier stopping, Consumer<RunResult> ended) {
    return call(() -> new Rehearsal(application, stopping).run(week, ended));
  }

  @Override
  public StatusReport status(int runs) {
    return call(() -> new Status(application.workspace(), application.clock()).report(runs));
  }

  private static ServiceFailure.Failed failed(String what, SchedulerException e) {
    return new ServiceFailure.Failed(what + ": " + e.getMessage(), e);
  }

  private static <T> T call(Failures.Work<T> work) {
    try {
      return Failures.translate(work);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceFailure.Failed("interrupted", e);
    }
  }

  /** A started {@link Daemon} as the doors see it. */
  private static final class Running implements RunningDaemon {

    private final Daemon daemon;

    Running(Daemon daemon) {
      this.daemon = daemon;
    }

    @Override
    public String identity() {
      return daemon.identity();
    }

    @Override
    public List<String> intentions() {
      return daemon.intentions();
    }

    @Override
    public CompletableFuture<RunResult> runNow() {
      try {
        return daemon.runNow();
      } catch (SchedulerException e) {
        throw failed("cannot run the publishing job", e);
      }
    }

    @Override
    public CompletableFuture<RunResult> runNow(Instant firing) {
      try {
        return daemon.runNow(firing);
      } catch (SchedulerException e) {
        throw failed("cannot run the publishing job", e);
      }
    }

    @Override
    public void awaitStopped() throws InterruptedException {
      daemon.awaitStopped();
    }

    @Override
    public String stopSummary() {
      return daemon.stopSummary();
    }

    @Override
    public void close() {
      daemon.close();
    }
  }
}
