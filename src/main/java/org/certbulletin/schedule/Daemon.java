package org.certbulletin.schedule;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.certbulletin.files.LockFile;
import org.certbulletin.files.LockHeldException;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.mail.MailTransport;
import org.certbulletin.model.Config;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.Application;
import org.certbulletin.service.RunResult;
import org.certbulletin.service.Workspace;
import org.certbulletin.store.ClusterFacts;
import org.certbulletin.store.Database;
import org.certbulletin.store.RunHistory;
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
 * database with an id of its own ({@link Membership}); clustered nodes share the firings.
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
  public record Options(
      Duration misfireThreshold,
      Map<String, String> environment,
      Clock clock,
      MailTransport transport) {

    public Options(Duration misfireThreshold, Map<String, String> environment, Clock clock) {
      this(misfireThreshold, environment, clock, MailTransport.SMTP);
    }

    public static Options defaults() {
      return new Options(Duration.ofSeconds(60), System.getenv(), Clock.systemUTC());
    }
  }

  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  private final Scheduler scheduler;
  private final Database database;
  private final Membership membership;
  private final Optional<LockFile> lock;
  private final RunHistory history;
  private final ScheduleSettings schedule;
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
      Database database,
      Membership membership,
      Optional<LockFile> lock,
      RunHistory history,
      ScheduleSettings schedule,
      AtomicBoolean stopping,
      List<String> intentions,
      RunTally tally,
      Instant started) {
    this.stopping = stopping;
    this.intentions = List.copyOf(intentions);
    this.tally = tally;
    this.started = started;
    this.scheduler = scheduler;
    this.database = database;
    this.membership = membership;
    this.lock = lock;
    this.history = history;
    this.schedule = schedule;
  }

  /**
   * Starts the daemon on {@code workspace}.
   *
   * @throws InvalidDataException if the configuration is invalid or has no schedule, or the state
   *     database's live nodes do not admit this one (see {@link Membership#refusal})
   * @throws LockHeldException if another daemon uses the same state folder
   */
  public static Daemon start(Workspace workspace, Options options)
      throws IOException, SchedulerException {
    return start(
        Application.open(workspace, options.environment(), options.clock(), options.transport()),
        options.misfireThreshold());
  }

  /**
   * Starts the daemon on {@code application}: firings more than {@code misfireThreshold} late count
   * as missed.
   *
   * @throws InvalidDataException if the configuration is invalid or has no schedule, or the state
   *     database's live nodes do not admit this one (see {@link Membership#refusal})
   * @throws LockHeldException if another daemon uses the same state folder
   */
  public static Daemon start(Application application, Duration misfireThreshold)
      throws IOException, SchedulerException {
    Workspace workspace = application.workspace();
    Options options =
        new Options(
            misfireThreshold, application.environment(), application.clock(), MailTransport.SMTP);
    DataDirectory data = new DataDirectory(workspace.data());
    Config config = data.config();
    ScheduleSettings settings = settings(data, config);
    data.scheduleEnded(options.clock().instant())
        .ifPresent(
            problem -> {
              throw InvalidDataException.of(problem);
            });
    WeeklySchedule weekly = new WeeklySchedule(settings);
    OutputLayout layout = new OutputLayout(workspace.out());
    boolean cluster = config.state().cluster(); // on PostgreSQL: the configuration's rules say so
    Optional<LockFile> lock = cluster ? Optional.empty() : Optional.of(lockState(layout));
    AtomicBoolean stopping = new AtomicBoolean();
    Database database = null;
    Membership membership = null;
    Scheduler scheduler = null;
    try {
      database = Database.open(config.state(), layout, QuartzScheduler.THREADS);
      RunHistory history = new RunHistory(database.dataSource());
      membership =
          Membership.join(
              database, history, cluster, settings, options.clock(), data.configFile().toString());
      String node = membership.id();
      if (cluster) {
        SharedArchive.check(
            new ClusterFacts(database.dataSource()), layout, data.configFile().toString());
      }
      List<String> lists =
          config.smtp().isPresent()
              ? config.lists().stream().map(DistributionList::name).toList()
              : List.of();
      OperatorAlerts alerts = new OperatorAlerts(config, options.environment());
      ScheduledPublish publish =
          new ScheduledPublish(
              application::freshBulletins, history, alerts, settings, options.clock(), node);
      ScheduledSend send =
          new ScheduledSend(
              application::freshMail,
              history,
              alerts,
              settings,
              options.environment(),
              options.clock(),
              node,
              stopping::get);
      MisfireTracker misfires = new MisfireTracker(settings.catchUp());
      scheduler =
          QuartzScheduler.create(
              database,
              cluster,
              node,
              options.misfireThreshold(),
              new JobWiring(publish, send, misfires, lists));
      scheduler.getListenerManager().addTriggerListener(misfires);
      RunTally tally = new RunTally();
      scheduler.getListenerManager().addJobListener(tally);
      QuartzScheduler.install(scheduler, weekly, lists);
      Trigger weeklyTrigger = scheduler.getTrigger(WeeklySchedule.TRIGGER);
      Optional<Instant> nextFiring =
          weeklyTrigger == null || weeklyTrigger.getNextFireTime() == null
              ? Optional.empty()
              : Optional.of(weeklyTrigger.getNextFireTime().toInstant());
      DaemonLines.Start start =
          new DaemonLines.Start(
              node,
              DaemonLines.database(config.state(), layout, database),
              settings,
              nextFiring,
              config.lists().stream().map(DistributionList::name).toList(),
              lists,
              layout,
              data,
              options.clock().instant());
      List<String> intentions = new ArrayList<>();
      intentions.add(DaemonLines.started(start));
      intentions.addAll(DaemonLines.intentions(start));
      scheduler.start();
      log.info("daemon started: {}, next firing {}", weekly, nextFiring.orElse(null));
      return new Daemon(
          scheduler,
          database,
          membership,
          lock,
          history,
          settings,
          stopping,
          intentions,
          tally,
          Instant.now());
    } catch (SchedulerException | IOException | RuntimeException e) {
      if (scheduler != null) {
        scheduler.shutdown(false);
      }
      if (membership != null) {
        membership.close();
      }
      if (database != null) {
        database.close();
      }
      lock.ifPresent(Daemon::release);
      throw e;
    }
  }

  /** The schedule {@code workspace}'s configuration gives the daemon. */
  static ScheduleSettings settings(DataDirectory data, Config config) {
    return config
        .schedule()
        .orElseThrow(
            () ->
                InvalidDataException.of(
                    data.configFile().toString(),
                    "no 'schedule'; add one, e.g. \"schedule\": {\"cron\": \"0 0 10 ? * WED\","
                        + " \"time_zone\": \"Asia/Shanghai\"}"));
  }

  /**
   * The firing of {@code workspace}'s schedule that publishes {@code week} (see {@link
   * DueWeek#firingFor}), for a run by hand of that week.
   *
   * @throws IllegalArgumentException if {@code week} has not ended by {@code now}
   * @throws InvalidDataException if the configuration is invalid or has no schedule
   */
  public static Instant firingFor(Workspace workspace, WeekId week, Instant now) {
    DataDirectory data = new DataDirectory(workspace.data());
    return DueWeek.firingFor(week, settings(data, data.config()), now);
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
    return membership.id();
  }

  public RunHistory history() {
    return history;
  }

  public ScheduleSettings schedule() {
    return schedule;
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
   * database and the lock are released.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopping.set(true);
    Duration grace = schedule.shutdownGrace();
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
    membership.close();
    database.close();
    lock.ifPresent(Daemon::release);
    Instant now = Instant.now();
    stopSummary =
        DaemonLines.stopped(
            membership.id(),
            tally,
            clean,
            grace,
            Duration.between(started, now),
            schedule,
            schedule.firings().next(now, 1).stream().findFirst());
    stopped.countDown();
    log.info("stopped");
  }

  private static LockFile lockState(OutputLayout layout) throws IOException {
    try {
      return LockFile.acquire(layout.daemonLock(), "cert-bulletin daemon");
    } catch (LockHeldException e) {
      throw new LockHeldException(
          e.getMessage()
              + ". Only one daemon may use "
              + layout.state()
              + " unless state.cluster is true with a shared PostgreSQL database.");
    }
  }

  private static void release(LockFile lock) {
    try {
      lock.close();
    } catch (IOException e) {
      log.warn("releasing the daemon lock: {}", e.getMessage());
    }
  }
}
