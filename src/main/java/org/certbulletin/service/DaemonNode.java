package org.certbulletin.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.certbulletin.files.LockFile;
import org.certbulletin.files.LockHeldException;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.BounceSettings;
import org.certbulletin.model.Config;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.model.WeekId;
import org.certbulletin.store.ClusterFacts;
import org.certbulletin.store.Database;
import org.certbulletin.store.RunHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process as a scheduler daemon's node of the state database, and the runs the daemon's jobs
 * ask of it. Joining takes the daemon lock of the state folder (alone) or checks the cluster's
 * shared archive (clustered), opens the state database, and registers the node, which then checks
 * in every few seconds; a run publishes or sends, is recorded in the run history, and is emailed to
 * the operators when it fails. The scheduler's Quartz wiring holds one node while it runs and
 * closes it once the scheduler has stopped.
 */
public final class DaemonNode implements AutoCloseable {

  /** How often a node checks in; Quartz's own cluster check-in goes at the same pace. */
  public static final Duration CHECK_IN_EVERY = Membership.CHECK_IN_EVERY;

  /** A node that has not checked in for this long is dead, and its runs are abandoned. */
  public static final Duration DEAD_AFTER = Membership.DEAD_AFTER;

  private static final Logger log = LoggerFactory.getLogger(DaemonNode.class);

  private final DataDirectory data;
  private final Config config;
  private final ScheduleSettings schedule;
  private final OutputLayout layout;
  private final Optional<LockFile> lock;
  private final Database database;
  private final RunHistory history;
  private final Membership membership;
  private final ScheduledPublish publish;
  private final ScheduledSend send;
  private final Supplier<Bounces> bounces;
  private final Clock clock;

  private DaemonNode(
      DataDirectory data,
      Config config,
      ScheduleSettings schedule,
      OutputLayout layout,
      Optional<LockFile> lock,
      Database database,
      Membership membership,
      Application application,
      BooleanSupplier stopping) {
    this.data = data;
    this.config = config;
    this.schedule = schedule;
    this.layout = layout;
    this.lock = lock;
    this.database = database;
    this.history = new RunHistory(database.dataSource());
    this.membership = membership;
    this.clock = application.clock();
    this.bounces = application::bounces;
    OperatorAlerts alerts = new OperatorAlerts(config, application.environment());
    this.publish =
        new ScheduledPublish(
            application::freshBulletins,
            application::reviews,
            history,
            alerts,
            schedule,
            clock,
            membership.id(),
            RunRecorder.Audit.of(application, membership.id()));
    this.send =
        new ScheduledSend(
            application::freshMail,
            history,
            alerts,
            schedule,
            application.environment(),
            clock,
            membership.id(),
            RunRecorder.Audit.of(application, membership.id()),
            stopping);
  }

  /**
   * Makes this process a daemon node of {@code application}'s state database.
   *
   * @param schedulerThreads the scheduler's worker threads, each of which may hold a connection
   * @param stopping true once the daemon is stopping: a send stops before its next message
   * @throws InvalidDataException if the configuration is invalid, has no schedule or one that has
   *     ended, or the state database's live nodes do not admit this one (one database, one mode,
   *     one schedule, one shared archive)
   * @throws LockHeldException if another daemon uses the same state folder
   */
  public static DaemonNode join(
      Application application, int schedulerThreads, BooleanSupplier stopping) throws IOException {
    DataDirectory data = new DataDirectory(application.workspace().data());
    Config config = data.config();
    ScheduleSettings settings = settings(data, config);
    data.scheduleEnded(application.clock().instant())
        .ifPresent(
            problem -> {
              throw InvalidDataException.of(problem);
            });
    settings.firings(); // an invalid cron fails here, before anything is held
    OutputLayout layout = new OutputLayout(application.workspace().out());
    boolean cluster = config.state().cluster(); // on PostgreSQL: the configuration's rules say so
    String configFile = data.configFile().toString();
    Optional<LockFile> lock = cluster ? Optional.empty() : Optional.of(lockState(layout));
    Database database = null;
    Membership membership = null;
    try {
      database = Database.open(config.state(), layout, schedulerThreads);
      membership =
          Membership.join(
              database,
              new RunHistory(database.dataSource()),
              cluster,
              settings,
              application.clock(),
              configFile);
      if (cluster) {
        SharedArchive.check(new ClusterFacts(database.dataSource()), layout, configFile);
      }
      return new DaemonNode(
          data, config, settings, layout, lock, database, membership, application, stopping);
    } catch (IOException | RuntimeException e) {
      if (membership != null) {
        membership.close();
      }
      if (database != null) {
        database.close();
      }
      lock.ifPresent(DaemonNode::release);
      throw e;
    }
  }

  /** The schedule {@code config} gives the daemon. */
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

  /** This process's id among the nodes of the state database, as the run history records it. */
  public String id() {
    return membership.id();
  }

  public ScheduleSettings schedule() {
    return schedule;
  }

  /** True when several nodes share the state database and take turns at the firings. */
  public boolean clustered() {
    return config.state().cluster();
  }

  /** The state database's connections, which the scheduler's job store borrows. */
  public DataSource dataSource() {
    return database.dataSource();
  }

  /** True when the state database is PostgreSQL (else H2). */
  public boolean postgres() {
    return database.isPostgres();
  }

  /** The lists each firing emails after publishing: every list, or none without SMTP settings. */
  public List<String> emailedLists() {
    return config.smtp().isPresent() ? listNames() : List.of();
  }

  /** Runs the publishing of the firing {@code scheduled}; it never throws, it records. */
  public RunResult publish(Instant scheduled, TriggerKind trigger, int attempt) {
    return publish.run(scheduled, trigger, attempt);
  }

  /**
   * The firing a catch-up stands for: the scheduler reports the catch-up's own time, but the week
   * due is the one of the firing that was missed.
   */
  public Instant missedFiring(Instant catchUp) {
    return publish.missedFiring(catchUp);
  }

  /** Runs the sending of {@code week} to {@code list} for the firing {@code scheduled}. */
  public RunResult send(
      WeekId week, String list, Instant scheduled, TriggerKind trigger, int attempt) {
    return send.run(week, list, scheduled, trigger, attempt);
  }

  /** How often the daemon reads the bounce mailbox over IMAP; empty when it does not. */
  public Optional<Duration> bounceReading() {
    return config.bounces().flatMap(BounceSettings::imap).map(BounceSettings.Imap::every);
  }

  /** Reads the bounce mailbox once; it never throws, it logs. */
  public void readBounces() {
    try {
      MailboxRead read = bounces.get().readMailbox();
      if (read.outcomes().isEmpty() && read.kept().isEmpty()) {
        log.debug("bounce mailbox: no message");
      } else {
        log.info("bounce mailbox: {}", read.summary());
      }
    } catch (ServiceFailure e) {
      log.error("cannot read the bounce mailbox: {}", e.getMessage());
    }
  }

  /**
   * When a failed run of the firing {@code scheduled} tries again, if before the schedule gives up.
   */
  public Optional<Instant> nextAttempt(Instant scheduled) {
    return Retries.next(schedule, clock, scheduled);
  }

  /**
   * What the starting daemon says, one line each: which node on which state database, the schedule
   * and its next firing, what each firing publishes and sends, and how to stop it.
   *
   * @param storedFiring the weekly firing the scheduler has stored; in the past when one was missed
   */
  public List<String> intentions(Optional<Instant> storedFiring) {
    DaemonLines.Start start =
        new DaemonLines.Start(
            id(),
            DaemonLines.database(config.state(), layout, database),
            schedule,
            storedFiring,
            listNames(),
            emailedLists(),
            layout,
            data,
            config.http().isPresent(),
            clock.instant());
    List<String> lines = new ArrayList<>();
    lines.add(DaemonLines.started(start));
    lines.addAll(DaemonLines.intentions(start));
    config
        .bounces()
        .flatMap(BounceSettings::imap)
        .ifPresent(
            imap ->
                lines.add(
                    "reads the bounce mailbox "
                        + imap.user()
                        + "@"
                        + imap.host()
                        + " every "
                        + imap.every()));
    return List.copyOf(lines);
  }

  /**
   * What a stopped daemon did, in one line: its runs, whether it stopped cleanly, and the next
   * firing after {@code now}.
   */
  public String stopSummary(
      int succeeded, int failed, boolean clean, Duration uptime, Instant now) {
    return DaemonLines.stopped(
        id(),
        succeeded,
        failed,
        clean,
        schedule.shutdownGrace(),
        uptime,
        schedule,
        schedule.firings().next(now, 1).stream().findFirst());
  }

  /** Every run in the run history, oldest first. */
  public List<ScheduledRun> runs() {
    return history.all().stream().map(Status::run).toList();
  }

  /** Stops checking in, records that the node stopped, and lets go of the database and the lock. */
  @Override
  public void close() {
    membership.close();
    database.close();
    lock.ifPresent(DaemonNode::release);
  }

  private List<String> listNames() {
    return config.lists().stream().map(DistributionList::name).toList();
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
