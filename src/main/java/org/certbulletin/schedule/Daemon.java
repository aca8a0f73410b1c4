package org.certbulletin.schedule;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.service.Application;
import org.certbulletin.service.DaemonNode;
import org.certbulletin.service.RunResult;
import org.certbulletin.service.ScheduledRun;
import org.certbulletin.service.TriggerKind;
import org.certbulletin.service.Workspace;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.impl.matchers.KeyMatcher;
import org.quartz.listeners.JobListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler daemon's lifecycle: starts Quartz ({@link QuartzScheduler}) on the state database,
 * publishing on the configured schedule; firings missed while it was down are caught up once at
 * start-up; a run that died with the process is marked abandoned and run again; stopping lets a
 * running job finish within the configured grace period. Each daemon is a node of the state
 * database with an id of its own ({@link DaemonNode}), which also does the runs; clustered nodes
 * share the firings.
 */
public final class Daemon implements AutoCloseable {

  /**
   * Start-up choices.
   *
   * @param misfireThreshold how late a firing may be before it counts as missed
   * @param environment where SMTP and DKIM secrets come from
   * @param clock the time runs are recorded with and retries are planned from (Quartz fires on the
   *     system clock)
   */
  public record Options(Duration misfireThreshold, Map<String, String> environment, Clock clock) {

    public static Options defaults() {
      return new Options(Duration.ofSeconds(60), System.getenv(), Clock.systemUTC());
    }
  }

  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  /** The application this daemon opened itself, closed with it; empty if its caller's. */
  private Optional<Application> owned = Optional.empty();

  private final Scheduler scheduler;
  private final DaemonNode node;
  private final List<String> intentions;
  private final RunTally tally;
  private final Instant started;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private boolean closed;
  private volatile String stopSummary = "";
  // read by the send jobs: they stop before their next message once the daemon is stopping
  private final AtomicBoolean stopping;

  private Daemon(
      Scheduler scheduler,
      DaemonNode node,
      AtomicBoolean stopping,
      List<String> intentions,
      RunTally tally,
      Instant started) {
    this.scheduler = scheduler;
    this.node = node;
    this.stopping = stopping;
    this.intentions = List.copyOf(intentions);
    this.tally = tally;
    this.started = started;
  }

  /**
   * Starts the daemon on {@code workspace}.
   *
   * @throws InvalidDataException if the configuration is invalid or has no schedule, or the state
   *     database's live nodes do not admit this one (see {@link DaemonNode#join})
   * @throws org.certbulletin.files.LockHeldException if another daemon uses the same state folder
   */
  public static Daemon start(Workspace workspace, Options options)
      throws IOException, SchedulerException {
    Application application = Application.open(workspace, options.environment(), options.clock());
    try {
      Daemon daemon = start(application, options.misfireThreshold());
      daemon.owned = Optional.of(application);
      return daemon;
    } catch (IOException | SchedulerException | RuntimeException e) {
      application.close();
      throw e;
    }
  }

  /**
   * Starts the daemon on {@code application}: firings more than {@code misfireThreshold} late count
   * as missed.
   *
   * @throws InvalidDataException if the configuration is invalid or has no schedule, or the state
   *     database's live nodes do not admit this one (see {@link DaemonNode#join})
   * @throws org.certbulletin.files.LockHeldException if another daemon uses the same state folder
   */
  public static Daemon start(Application application, Duration misfireThreshold)
      throws IOException, SchedulerException {
    AtomicBoolean stopping = new AtomicBoolean();
    DaemonNode node = DaemonNode.join(application, QuartzScheduler.THREADS, stopping::get);
    Scheduler scheduler = null;
    try {
      ScheduleSettings settings = node.schedule();
      WeeklySchedule weekly = new WeeklySchedule(settings);
      List<String> lists = node.emailedLists();
      MisfireTracker misfires = new MisfireTracker(settings.catchUp());
      scheduler =
          QuartzScheduler.create(node, misfireThreshold, new JobWiring(node, misfires, lists));
      scheduler.getListenerManager().addTriggerListener(misfires);
      RunTally tally = new RunTally();
      scheduler.getListenerManager().addJobListener(tally);
      QuartzScheduler.install(scheduler, weekly, lists);
      QuartzScheduler.installBounces(scheduler, node.bounceReading());
      Trigger weeklyTrigger = scheduler.getTrigger(WeeklySchedule.TRIGGER);
      Optional<Instant> nextFiring =
          weeklyTrigger == null || weeklyTrigger.getNextFireTime() == null
              ? Optional.empty()
              : Optional.of(weeklyTrigger.getNextFireTime().toInstant());
      List<String> intentions = node.intentions(nextFiring);
      scheduler.start();
      log.info("daemon started: {}, next firing {}", weekly, nextFiring.orElse(null));
      return new Daemon(scheduler, node, stopping, intentions, tally, Instant.now());
    } catch (SchedulerException | RuntimeException e) {
      if (scheduler != null) {
        scheduler.shutdown(false);
      }
      node.close();
      throw e;
    }
  }

  /**
   * Runs the publishing job now, as an operator would by hand, and returns its result when it ends.
   */
  public CompletableFuture<RunResult> runNow() throws SchedulerException {
    return runNow(Instant.now());
  }

  /**
   * Runs the publishing job now as the firing at {@code firing} would (it publishes the week due
   * then), and returns its result when it ends.
   */
  public CompletableFuture<RunResult> runNow(Instant firing) throws SchedulerException {
    CompletableFuture<RunResult> done = new CompletableFuture<>();
    String name = "manual-" + UUID.randomUUID();
    Instant now = Instant.now();
    Trigger trigger =
        new JobData(firing, 1, TriggerKind.MANUAL)
            .trigger(name, "manual", PublishJob.KEY, now)
            .build();
    scheduler
        .getListenerManager()
        .addJobListener(
            new JobListenerSupport() {
              @Override
              public String getName() {
                return name;
              }

              @Override
              public void jobExecutionVetoed(JobExecutionContext context) {
                if (context.getTrigger().getKey().equals(trigger.getKey())) {
                  done.completeExceptionally(new IllegalStateException("the run was vetoed"));
                }
              }

              @Override
              public void jobWasExecuted(
                  JobExecutionContext context, JobExecutionException failure) {
                if (context.getTrigger().getKey().equals(trigger.getKey())) {
                  if (context.getResult() instanceof RunResult result) {
                    done.complete(result);
                  } else {
                    done.completeExceptionally(
                        failure != null
                            ? failure
                            : new IllegalStateException("the run ended without a result"));
                  }
                }
              }
            },
            KeyMatcher.keyEquals(PublishJob.KEY));
    scheduler.scheduleJob(trigger);
    return done;
  }

  /** This process's id among the nodes of the state database, as the run history records it. */
  public String node() {
    return node.id();
  }

  /** Every run in the run history, oldest first. */
  public List<ScheduledRun> runs() {
    return node.runs();
  }

  public ScheduleSettings schedule() {
    return node.schedule();
  }

  /** Which node this is, on which state database, in one line for people. */
  public String identity() {
    return intentions.get(0);
  }

  /**
   * What the daemon will do, for people: its node and state database ({@link #identity}), the
   * schedule and its next firing, what each firing publishes and sends, and how to stop it.
   */
  public List<String> intentions() {
    return intentions;
  }

  /** Blocks until the daemon has been closed. */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  /**
   * What the daemon did, for people, once it is closed: its runs, whether it stopped cleanly, and
   * the next firing.
   */
  public String stopSummary() {
    return stopSummary;
  }

  /**
   * Stops the daemon: no new firings, a running job may finish within the grace period, then the
   * node leaves the database and lets go of the lock.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopping.set(true);
    Duration grace = node.schedule().shutdownGrace();
    log.info("stopping: a running job has {} to finish", grace);
    boolean clean = true;
    CompletableFuture<Void> shutdown =
        CompletableFuture.runAsync(
            () -> {
              try {
                scheduler.shutdown(true);
              } catch (SchedulerException e) {
                log.error("stopping the scheduler: {}", e.getMessage());
              }
            });
    try {
      shutdown.get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      clean = false;
      log.error(
          "a job was still running after {}; stopping anyway (it is run again on recovery)", grace);
    } catch (InterruptedException e) {
      clean = false;
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      clean = false;
      log.error("stopping the scheduler: {}", e.getCause().getMessage());
    }
    node.close();
    // the audit log's connections, if a run opened them
    owned.ifPresent(Application::close);
    Instant now = Instant.now();
    stopSummary =
        node.stopSummary(
            tally.succeeded(), tally.failed(), clean, Duration.between(started, now), now);
    stopped.countDown();
    log.info("stopped");
  }
}
