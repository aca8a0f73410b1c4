package org.certbulletin.schedule;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.certbulletin.service.Application;
import org.certbulletin.service.Failures;
import org.certbulletin.service.RunResult;
import org.certbulletin.service.RunningDaemon;
import org.certbulletin.service.Scheduling;
import org.certbulletin.service.ServiceFailure;
import org.quartz.SchedulerException;

/** The daemon on Quartz, as {@link Scheduling#start()} finds it (a service provider). */
public final class QuartzScheduling implements Scheduling.Provider {

  @Override
  public RunningDaemon start(Application application) {
    try {
      return new Running(
          Failures.translate(
              () -> {
                try {
                  return Daemon.start(application, Daemon.Options.defaults().misfireThreshold());
                } catch (SchedulerException e) {
                  throw failed("cannot start the scheduler", e);
                }
              }));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceFailure.Failed("interrupted", e);
    }
  }

  private static ServiceFailure.Failed failed(String what, SchedulerException e) {
    return new ServiceFailure.Failed(what + ": " + e.getMessage(), e);
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
