package org.certbulletin.service;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.Config;
import org.certbulletin.model.CronSchedule;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.model.Subscriber;
import org.certbulletin.model.WeekId;
import org.certbulletin.model.WeekReview;
import org.certbulletin.publish.PublishPlan;
import org.certbulletin.store.Database;
import org.certbulletin.store.DeliveryLedger;
import org.certbulletin.store.NodeRegistry;
import org.certbulletin.store.RunHistory;
import org.certbulletin.store.StateUnavailableException;
import org.certbulletin.store.Subscribers;

/**
 * Gathers what an operator needs to know: the schedule and its next firings, the last runs, the
 * nodes and deliveries, which weeks are published, stale or missing, and whether the due week is
 * late.
 */
final class Status {

  /** A time in the schedule's zone, as status and the daemon print it. */
  static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm zzz", Locale.ENGLISH);

  static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH);

  /** How many firings to come the report names. */
  private static final int NEXT_FIRINGS = 4;

  private final Workspace workspace;
  private final Clock clock;
  private final Supplier<ReviewDesk> reviews;

  /** The status of {@code workspace}, without the due week's review. */
  Status(Workspace workspace, Clock clock) {
    this(
        workspace,
        clock,
        () -> {
          throw new IllegalStateException("no review desk");
        });
  }

  Status(Workspace workspace, Clock clock, Supplier<ReviewDesk> reviews) {
    this.workspace = workspace;
    this.clock = clock;
    this.reviews = reviews;
  }

  StatusReport report(int runCount) throws IOException {
    Instant now = clock.instant();
    DataDirectory data = new DataDirectory(workspace.data());
    Config config = data.config();
    OutputLayout layout = new OutputLayout(workspace.out());
    PublishPlan plan = PublishPlan.of(data, workspace.templates(), layout);
    StateRead state = state(config, layout, runCount, now);
    Optional<StatusReport.Schedule> schedule =
        config.schedule().map(settings -> schedule(settings, plan, data, now));
    Optional<String> alarm =
        schedule
            .flatMap(StatusReport.Schedule::due)
            .filter(due -> due.late() && due.sampleWeeks().isEmpty())
            .map(
                due ->
                    "the due week "
                        + due.week()
                        + " was not published by its deadline "
                        + UTC.format(due.deadline().atOffset(ZoneOffset.UTC))
                        + "; "
                        + whatToDo(data, due.week(), state.daemonRunning()));
    Optional<StatusReport.DueReview> review = Optional.empty();
    Optional<WeekId> dueWeek =
        schedule.flatMap(StatusReport.Schedule::due).map(StatusReport.Due::week);
    if (config.approval().isRequired() && dueWeek.isPresent()) {
      review = dueReview(data, dueWeek.get(), now);
    }
    return new StatusReport(
        now,
        schedule,
        KeyCheck.check(data, config, now),
        state.state(),
        ArchiveStatus.of(plan, layout),
        alarm,
        review);
  }

  /**
   * Where the due week stands in review and who must act for it to leave; empty if the state
   * database cannot be read (the state lines say so).
   */
  private Optional<StatusReport.DueReview> dueReview(DataDirectory data, WeekId due, Instant now) {
    try {
      ReviewDesk desk = reviews.get();
      WeekReview review = desk.review(due, data.rawBytes(data.weekFile(due)));
      Outgoing outgoing = desk.outgoing(data.weeks(), now, w -> data.rawBytes(data.weekFile(w)));
      Optional<String> action =
          outgoing.leaves(due) && !outgoing.releases().containsKey(due)
              ? Optional.empty()
              : Optional.of(outgoing.whyNot(due));
      return Optional.of(new StatusReport.DueReview(review, action));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static StatusReport.Schedule schedule(
      ScheduleSettings settings, PublishPlan plan, DataDirectory data, Instant now) {
    CronSchedule firings = settings.firings();
    Optional<StatusReport.Due> due =
        firings
            .previous(now)
            .map(
                last -> {
                  WeekId week = DueWeek.at(last, settings.zone());
                  Instant deadline = last.plus(settings.deadline());
                  boolean published = plan.published(week).isPresent();
                  return new StatusReport.Due(
                      week,
                      last,
                      deadline,
                      published,
                      !published && !now.isBefore(deadline),
                      SampleData.only(data, week));
                });
    return new StatusReport.Schedule(
        firings.inWords(),
        settings.cron(),
        settings.zone(),
        settings.catchUp(),
        settings.retryEvery(),
        settings.giveUpAfter(),
        firings.next(now, NEXT_FIRINGS).stream()
            .map(f -> new StatusReport.Firing(f, DueWeek.at(f, settings.zone())))
            .toList(),
        due);
  }

  /**
   * What an operator does about a due week that is late: never "run status", which they just did.
   */
  private static String whatToDo(DataDirectory data, WeekId due, Optional<Boolean> daemonRunning) {
    String publish =
        "check it with '"
            + ProgramName.command("validate " + due)
            + "' and publish it with '"
            + ProgramName.command("publish")
            + "'";
    String daemon =
        daemonRunning.orElse(true)
            ? "the last runs above say why the daemon did not publish it"
            : "no daemon is running: start one with '"
                + ProgramName.command("run")
                + "' so that later weeks go out on time";
    if (!Files.isRegularFile(data.weekFile(due))) {
      return data.weekFile(due)
          + " does not exist: start it with '"
          + ProgramName.command("new " + due)
          + "', fill it in (a quiet week needs a file too, with zero figures), "
          + publish
          + "; "
          + daemon;
    }
    return "its file is there but it is not published: " + publish + "; " + daemon;
  }

  /**
   * What the state database says, and whether a daemon is running (unknown when the database cannot
   * be read).
   */
  private record StateRead(StatusReport.State state, Optional<Boolean> daemonRunning) {}

  private static StateRead state(Config config, OutputLayout layout, int count, Instant now) {
    boolean defaultDatabase = config.state().jdbcUrl().isEmpty();
    if (defaultDatabase && !layout.embeddedDatabaseExists()) {
      return new StateRead(StatusReport.State.without(false, Optional.empty()), Optional.of(false));
    }
    try (Database database = Database.open(config.state(), layout)) {
      DeliveryLedger ledger = new DeliveryLedger(database.dataSource());
      Optional<String> week = ledger.latestWeek();
      Optional<StatusReport.Deliveries> deliveries = Optional.empty();
      if (week.isPresent()) {
        List<StatusReport.ListDeliveries> lists = new ArrayList<>();
        ledger
            .counts(week.get())
            .forEach(
                (list, c) ->
                    lists.add(
                        new StatusReport.ListDeliveries(
                            list, c.sent(), c.pending(), c.inFlight(), c.failed(), c.uncertain())));
        deliveries = Optional.of(new StatusReport.Deliveries(week, lists));
      } else if (!config.lists().isEmpty()) {
        deliveries = Optional.of(new StatusReport.Deliveries(Optional.empty(), List.of()));
      }
      List<NodeRegistry.Node> nodes = new NodeRegistry(database.dataSource()).all();
      boolean daemonRunning =
          nodes.stream()
              .anyMatch(
                  n ->
                      n.stopped().isEmpty()
                          && !n.checkedIn().plus(Membership.DEAD_AFTER).isBefore(now));
      List<ScheduledRun> runs =
          new RunHistory(database.dataSource()).recent(count).stream().map(Status::run).toList();
      return new StateRead(
          new StatusReport.State(
              true,
              Optional.empty(),
              deliveries,
              running(nodes, now),
              runs,
              suspended(new Subscribers(database.dataSource()))),
          Optional.of(daemonRunning));
    } catch (StateUnavailableException e) {
      return new StateRead(
          StatusReport.State.without(true, Optional.of(e.getMessage())), Optional.empty());
    }
  }

  /** Each list's suspended addresses, lists without any left out. */
  private static List<StatusReport.Suspended> suspended(Subscribers subscribers) {
    Map<String, List<String>> byList = new TreeMap<>();
    for (Subscriber s : subscribers.list(Optional.empty(), Set.of(Subscriber.Status.SUSPENDED))) {
      byList.computeIfAbsent(s.list(), l -> new ArrayList<>()).add(s.address());
    }
    List<StatusReport.Suspended> suspended = new ArrayList<>();
    byList.forEach((list, addresses) -> suspended.add(new StatusReport.Suspended(list, addresses)));
    return suspended;
  }

  /**
   * The nodes that have not stopped, newest first: alive, or missing their check-ins (dead, or cut
   * off from the database).
   */
  private static List<StatusReport.Node> running(List<NodeRegistry.Node> all, Instant now) {
    return all.stream()
        .filter(n -> n.stopped().isEmpty())
        .map(
            n ->
                new StatusReport.Node(
                    n.id(),
                    n.host(),
                    n.pid(),
                    n.clustered(),
                    n.started(),
                    n.checkedIn(),
                    Duration.between(n.checkedIn(), now).compareTo(Membership.DEAD_AFTER) > 0))
        .toList();
  }

  /** A run of the history as the service speaks of it. */
  static ScheduledRun run(RunHistory.Run run) {
    return new ScheduledRun(
        run.id(),
        run.job(),
        run.trigger(),
        run.week(),
        run.scheduled(),
        run.started(),
        run.finished(),
        ScheduledRun.Outcome.valueOf(run.outcome().name()),
        run.attempt(),
        run.node(),
        run.detail());
  }
}
