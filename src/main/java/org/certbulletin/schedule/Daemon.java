package org.certbulletin.schedule;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.Config;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.files.LockFile;
import org.certbulletin.service.BulletinService;
import org.certbulletin.service.Workspace;
import org.certbulletin.store.Database;
import org.certbulletin.store.RunHistory;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.KeyMatcher;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler daemon: Quartz with a persistent JDBC job store in the state database, publishing
 * on the configured schedule. Firings missed while it was down are caught up once at start-up; a
 * run that died with the process is marked abandoned and run again; stopping lets a running job
 * finish within the configured grace period.
 */
public final class Daemon implements AutoCloseable {

  /** Start-up choices. {@code misfireThreshold} is how late a firing may be before it counts as missed. */
  public record Options(Duration misfireThreshold, Map<String, String> environment, Clock clock) {

    public static Options defaults() {
      return new Options(Duration.ofSeconds(60), System.getenv(), Clock.systemUTC());
    }
  }

  static final JobKey JOB = JobKey.jobKey("publish", "cert-bulletin");
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  private final Scheduler scheduler;
  private final Database database;
  private final Optional<LockFile> lock;
  private final RunHistory history;
  private final ScheduleSettings schedule;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private boolean closed;

  private Daemon(Scheduler scheduler, Database database, Optional<LockFile> lock, RunHistory history,
      ScheduleSettings schedule) {
    this.scheduler = scheduler;
    this.database = database;
    this.lock = lock;
    this.history = history;
    this.schedule = schedule;
  }

  /**
   * Starts the daemon on {@code workspace}.
   *
   * @throws org.certbulletin.ingest.InvalidDataException if the configuration is invalid
   * @throws IllegalArgumentException if there is no schedule in the configuration
   * @throws IllegalStateException if another daemon uses the same state folder
   */
  public static Daemon start(Workspace workspace, Options options) throws IOException, SchedulerException {
    Config config = new DataDirectory(workspace.data()).config();
    ScheduleSettings settings = config.schedule().orElseThrow(() -> new IllegalArgumentException(
        workspace.data().resolve("config.json") + ": no 'schedule'; add one, e.g. \"schedule\": {\"cron\": \"0 0 10 ? * WED\","
            + " \"time_zone\": \"Asia/Shanghai\"}"));
    WeeklySchedule weekly = new WeeklySchedule(settings);
    OutputLayout layout = new OutputLayout(workspace.out());
    boolean cluster = config.state().cluster();
    Optional<LockFile> lock = cluster ? Optional.empty() : Optional.of(lockState(layout));
    Database database = null;
    Scheduler scheduler = null;
    try {
      database = Database.open(config.state(), layout);
      RunHistory history = new RunHistory(database.dataSource());
      String node = cluster ? hostName() : "local";
      int abandoned = history.abandonRunning(node, options.clock().instant());
      if (abandoned > 0) {
        log.warn("{} run(s) were still marked running from a process that stopped; marked abandoned", abandoned);
      }
      ScheduledPublish publish = new ScheduledPublish(() -> new BulletinService(workspace), history,
          new OperatorAlerts(config, options.environment()), settings, options.clock(), node);
      scheduler = quartz(database, cluster, options.misfireThreshold());
      scheduler.getContext().put(PublishJob.CONTEXT_KEY, publish);
      List<String> lists = config.smtp().isPresent()
          ? config.lists().stream().map(DistributionList::name).toList() : List.of();
      if (config.smtp().isEmpty() && !config.lists().isEmpty()) {
        log.info("no smtp settings: lists are not emailed after publishing (use 'send --dry-run' to see the messages)");
      }
      scheduler.getContext().put(PublishJob.LISTS_KEY, lists);
      scheduler.getContext().put(SendJob.CONTEXT_KEY, new ScheduledSend(() -> new BulletinService(workspace), history,
          new OperatorAlerts(config, options.environment()), settings, options.environment(), options.clock(), node));
      for (String list : lists) {
        scheduler.addJob(JobBuilder.newJob(SendJob.class).withIdentity(SendJob.key(list)).storeDurably()
            .requestRecovery().build(), true);
      }
      MisfireTracker misfires = new MisfireTracker(settings.catchUp());
      scheduler.getContext().put(PublishJob.MISFIRES_KEY, misfires);
      scheduler.getListenerManager().addTriggerListener(misfires);
      JobDetail job = JobBuilder.newJob(PublishJob.class).withIdentity(JOB).storeDurably().requestRecovery().build();
      scheduler.addJob(job, true);
      Trigger stored = scheduler.getTrigger(WeeklySchedule.TRIGGER);
      if (stored instanceof CronTrigger cron && weekly.sameAs(cron)) {
        log.debug("keeping the stored schedule, next firing {}", cron.getNextFireTime());
      } else if (stored != null) {
        scheduler.rescheduleJob(WeeklySchedule.TRIGGER, weekly.trigger(JOB));
        log.info("schedule changed to '{}' in {}", settings.cron(), settings.zone());
      } else {
        scheduler.scheduleJob(weekly.trigger(JOB));
      }
      scheduler.start();
      Trigger weeklyTrigger = scheduler.getTrigger(WeeklySchedule.TRIGGER);
      log.info("daemon started: '{}' in {}, next firing {}", settings.cron(), settings.zone(),
          weeklyTrigger == null ? "none (the schedule has no future firing)" : weeklyTrigger.getNextFireTime());
      return new Daemon(scheduler, database, lock, history, settings);
    } catch (SchedulerException | RuntimeException e) {
      if (scheduler != null) {
        scheduler.shutdown(false);
      }
      if (database != null) {
        database.close();
      }
      lock.ifPresent(Daemon::release);
      throw e;
    }
  }

  /**
   * Runs the publishing job now, as an operator would by hand, and returns its result when it ends.
   */
  public CompletableFuture<ScheduledPublish.Result> runNow() throws SchedulerException {
    CompletableFuture<ScheduledPublish.Result> done = new CompletableFuture<>();
    String name = "manual-" + UUID.randomUUID();
    Trigger trigger = TriggerBuilder.newTrigger().withIdentity(name, "manual").forJob(JOB)
        .usingJobData(PublishJob.KIND, "manual").startNow().build();
    scheduler.getListenerManager().addJobListener(new JobListener() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public void jobToBeExecuted(JobExecutionContext context) {
      }

      @Override
      public void jobExecutionVetoed(JobExecutionContext context) {
        done.completeExceptionally(new IllegalStateException("the run was vetoed"));
      }

      @Override
      public void jobWasExecuted(JobExecutionContext context, JobExecutionException failure) {
        if (context.getTrigger().getKey().equals(trigger.getKey())) {
          if (context.getResult() instanceof ScheduledPublish.Result result) {
            done.complete(result);
          } else {
            done.completeExceptionally(failure != null ? failure : new IllegalStateException("the run ended without a result"));
          }
        }
      }
    }, KeyMatcher.keyEquals(JOB));
    scheduler.scheduleJob(trigger);
    return done;
  }

  public RunHistory history() {
    return history;
  }

  public ScheduleSettings schedule() {
    return schedule;
  }

  /** Blocks until the daemon has been closed. */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
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
    Duration grace = schedule.shutdownGrace();
    log.info("stopping: a running job has {} to finish", grace);
    CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> {
      try {
        scheduler.shutdown(true);
      } catch (SchedulerException e) {
        log.error("stopping the scheduler: {}", e.getMessage());
      }
    });
    try {
      shutdown.get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.error("a job was still running after {}; stopping anyway (it is run again on recovery)", grace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      log.error("stopping the scheduler: {}", e.getCause().getMessage());
    }
    database.close();
    lock.ifPresent(Daemon::release);
    stopped.countDown();
    log.info("stopped");
  }

  private static Scheduler quartz(Database database, boolean cluster, Duration misfireThreshold)
      throws SchedulerException {
    String dataSource = "cert-bulletin-" + UUID.randomUUID();
    DBConnectionManager.getInstance().addConnectionProvider(dataSource, new QuartzConnections(database.dataSource()));
    Properties properties = new Properties();
    properties.put("org.quartz.scheduler.instanceName", "cert-bulletin");
    properties.put("org.quartz.scheduler.instanceId", cluster ? "AUTO" : "local");
    properties.put("org.quartz.scheduler.skipUpdateCheck", "true");
    properties.put("org.quartz.threadPool.threadCount", "4");
    properties.put("org.quartz.threadPool.makeThreadsDaemons", "true");
    properties.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    properties.put("org.quartz.jobStore.driverDelegateClass", database.isPostgres()
        ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
    properties.put("org.quartz.jobStore.dataSource", dataSource);
    properties.put("org.quartz.jobStore.tablePrefix", "QRTZ_");
    properties.put("org.quartz.jobStore.isClustered", String.valueOf(cluster));
    properties.put("org.quartz.jobStore.misfireThreshold", String.valueOf(misfireThreshold.toMillis()));
    properties.put("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    properties.put("org.quartz.scheduler.interruptJobsOnShutdownWithWait", "false");
    return new StdSchedulerFactory(properties).getScheduler();
  }

  private static LockFile lockState(OutputLayout layout) throws IOException {
    try {
      return LockFile.acquire(layout.daemonLock(), "cert-bulletin daemon");
    } catch (IllegalStateException e) {
      throw new IllegalStateException(e.getMessage() + ". Only one daemon may use " + layout.state()
          + " unless state.cluster is true with a shared PostgreSQL database.", e);
    }
  }

  private static void release(LockFile lock) {
    try {
      lock.close();
    } catch (IOException e) {
      log.warn("releasing the daemon lock: {}", e.getMessage());
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }
}
