package org.certbulletin.schedule;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Location;
import org.certbulletin.model.Problem;
import org.certbulletin.service.DaemonNode;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles Quartz for the daemon: a JDBC job store in the state database (clustered when several
 * nodes share it), the daemon's jobs, and the weekly trigger, kept with its pending firing when the
 * schedule did not change.
 */
final class QuartzScheduler {

  private static final Logger log = LoggerFactory.getLogger(QuartzScheduler.class);

  /** Quartz's worker threads: the publishing job and the lists' sending jobs run on them. */
  static final int THREADS = 4;

  private QuartzScheduler() {}

  /**
   * A scheduler on {@code node}'s state database, not started, that makes its jobs with {@code
   * jobs}; in a cluster, its instance id is the node's id, so that Quartz and the run history name
   * a node alike.
   */
  static Scheduler create(DaemonNode node, Duration misfireThreshold, JobFactory jobs)
      throws SchedulerException {
    boolean cluster = node.clustered();
    String dataSource = "cert-bulletin-" + UUID.randomUUID();
    DBConnectionManager.getInstance()
        .addConnectionProvider(dataSource, new QuartzConnections(node.dataSource()));
    Properties properties = new Properties();
    properties.put("org.quartz.scheduler.instanceName", "cert-bulletin");
    properties.put("org.quartz.scheduler.instanceId", cluster ? node.id() : "local");
    properties.put("org.quartz.scheduler.skipUpdateCheck", "true");
    properties.put("org.quartz.threadPool.threadCount", String.valueOf(THREADS));
    properties.put("org.quartz.threadPool.makeThreadsDaemons", "true");
    properties.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    properties.put(
        "org.quartz.jobStore.driverDelegateClass",
        node.postgres()
            ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
            : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
    properties.put("org.quartz.jobStore.dataSource", dataSource);
    properties.put("org.quartz.jobStore.tablePrefix", "QRTZ_");
    properties.put("org.quartz.jobStore.isClustered", String.valueOf(cluster));
    // how often a node tells the others it is alive; a node silent for about twice as long is
    // taken as dead and its running jobs are recovered by another
    properties.put(
        "org.quartz.jobStore.clusterCheckinInterval",
        String.valueOf(DaemonNode.CHECK_IN_EVERY.toMillis()));
    properties.put(
        "org.quartz.jobStore.misfireThreshold", String.valueOf(misfireThreshold.toMillis()));
    properties.put("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    properties.put("org.quartz.scheduler.interruptJobsOnShutdownWithWait", "false");
    Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
    scheduler.setJobFactory(jobs);
    return scheduler;
  }

  /**
   * Stores the job that reads the bounce mailbox every {@code every}, or removes it when the
   * configuration no longer has a mailbox to read.
   */
  static void installBounces(Scheduler scheduler, Optional<Duration> every)
      throws SchedulerException {
    if (every.isEmpty()) {
      scheduler.deleteJob(BounceJob.KEY);
      return;
    }
    scheduler.scheduleJob(
        JobBuilder.newJob(BounceJob.class).withIdentity(BounceJob.KEY).storeDurably().build(),
        Set.of(BounceJob.trigger(every.get())),
        true);
  }

  /** Stores the publishing job, one sending job per list, and the weekly trigger. */
  static void install(Scheduler scheduler, WeeklySchedule weekly, List<String> lists)
      throws SchedulerException {
    if (weekly.trigger(PublishJob.KEY).getFireTimeAfter(new Date()) == null) {
      throw InvalidDataException.of(
          new Problem(
              "config.json",
              Location.START,
              "/schedule/cron",
              "the schedule '"
                  + weekly
                  + "' never fires again from now on; give a recurring cron such"
                  + " as \"0 0 10 ? * WED\""));
    }
    for (String list : lists) {
      scheduler.addJob(
          JobBuilder.newJob(SendJob.class)
              .withIdentity(SendJob.key(list))
              .storeDurably()
              .requestRecovery()
              .build(),
          true);
    }
    scheduler.addJob(
        JobBuilder.newJob(PublishJob.class)
            .withIdentity(PublishJob.KEY)
            .storeDurably()
            .requestRecovery()
            .build(),
        true);
    Trigger stored = scheduler.getTrigger(WeeklySchedule.TRIGGER);
    if (stored instanceof CronTrigger cron && weekly.sameAs(cron)) {
      log.debug("keeping the stored schedule, next firing {}", cron.getNextFireTime());
    } else if (stored != null) {
      scheduler.rescheduleJob(WeeklySchedule.TRIGGER, weekly.trigger(PublishJob.KEY));
      log.info("schedule changed to {}", weekly);
    } else {
      try {
        scheduler.scheduleJob(weekly.trigger(PublishJob.KEY));
      } catch (ObjectAlreadyExistsException e) {
        // another node of the cluster, starting at the same moment, stored it first
        Trigger theirs = scheduler.getTrigger(WeeklySchedule.TRIGGER);
        if (!(theirs instanceof CronTrigger cron && weekly.sameAs(cron))) {
          scheduler.rescheduleJob(WeeklySchedule.TRIGGER, weekly.trigger(PublishJob.KEY));
        }
      }
    }
  }
}
