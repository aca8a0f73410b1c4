package org.certbulletin.schedule;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.Config;
import org.certbulletin.model.CronSchedule;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.model.WeekId;
import org.certbulletin.publish.PublishPlan;
import org.certbulletin.service.KeyCheck;
import org.certbulletin.service.Workspace;
import org.certbulletin.store.Database;
import org.certbulletin.store.DeliveryLedger;
import org.certbulletin.store.NodeRegistry;
import org.certbulletin.store.RunHistory;
import org.certbulletin.store.StateUnavailableException;

/**
 * Gathers what an operator needs to know: the schedule and its next firings (in the schedule's zone
 * and in UTC), the last runs, which weeks are published, stale or missing, and whether the due week
 * is late.
 */
public final class Status {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm zzz", Locale.ENGLISH);
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH);

  private final Workspace workspace;
  private final Clock clock;

  public Status(Workspace workspace, Clock clock) {
    this.workspace = workspace;
    this.clock = clock;
  }

  public StatusReport report(int runCount) throws IOException {
    Instant now = clock.instant();
    DataDirectory data = new DataDirectory(workspace.data());
    Config config = data.config();
    OutputLayout layout = new OutputLayout(workspace.out());
    PublishPlan plan = PublishPlan.of(data, workspace.templates(), layout);
    List<String> lines = new ArrayList<>();
    Optional<String> alarm = Optional.empty();

    if (config.schedule().isEmpty()) {
      lines.add("schedule: none (add 'schedule' to config.json to run the daemon)");
    } else {
      ScheduleSettings settings = config.schedule().get();
      CronSchedule schedule = settings.firings();
      lines.add(
          "schedule: '"
              + settings.cron()
              + "' in "
              + settings.zone()
              + " (after downtime: "
              + (settings.catchUp() ? "catch up once" : "skip missed firings")
              + ", retry every "
              + settings.retryEvery()
              + " for "
              + settings.giveUpAfter()
              + ")");
      lines.add("next firings:");
      for (Instant firing : schedule.next(now, 4)) {
        lines.add(
            String.format(
                Locale.ROOT,
                "  %-32s %-22s publishes %s",
                LOCAL.format(firing.atZone(settings.zone())),
                UTC.format(firing.atOffset(ZoneOffset.UTC)),
                DueWeek.at(firing, settings.zone())));
      }
      Optional<Instant> last = schedule.previous(now);
      if (last.isPresent()) {
        WeekId due = DueWeek.at(last.get(), settings.zone());
        Instant deadline = last.get().plus(settings.deadline());
        boolean published = plan.published(due).isPresent();
        String state =
            published
                ? "published"
                : now.isBefore(deadline)
                    ? "not published yet (deadline "
                        + LOCAL.format(deadline.atZone(settings.zone()))
                        + ")"
                    : "NOT PUBLISHED, deadline passed "
                        + LOCAL.format(deadline.atZone(settings.zone()));
        lines.add(
            "due week: "
                + due
                + " (firing "
                + LOCAL.format(last.get().atZone(settings.zone()))
                + "): "
                + state);
        if (!published && !now.isBefore(deadline)) {
          alarm =
              Optional.of(
                  "the due week "
                      + due
                      + " was not published by its deadline "
                      + UTC.format(deadline.atOffset(ZoneOffset.UTC))
                      + "; see the last runs with 'cert-bulletin status'");
        }
      }
    }
    List<KeyCheck.Finding> keys = KeyCheck.check(data, config, now);
    if (!keys.isEmpty()) {
      lines.add("openpgp keys:");
      keys.forEach(finding -> lines.add("  " + finding));
    }
    lines.addAll(runs(config, layout, runCount, now));
    lines.addAll(weeks(plan));
    return new StatusReport(lines, alarm);
  }

  /**
   * The nodes that have not stopped, newest first: alive, or missing their check-ins (dead, or cut
   * off from the database).
   */
  private static List<String> nodes(List<NodeRegistry.Node> all, Instant now) {
    List<NodeRegistry.Node> running = all.stream().filter(n -> n.stopped().isEmpty()).toList();
    List<String> lines = new ArrayList<>();
    lines.add(running.isEmpty() ? "nodes: none running" : "nodes:");
    for (NodeRegistry.Node node : running) {
      Duration silent = Duration.between(node.checkedIn(), now);
      boolean missing = silent.compareTo(Membership.DEAD_AFTER) > 0;
      lines.add(
          String.format(
              "  %-12s %-24s pid %-7d %-9s started %s, last check-in %s ago%s",
              node.id(),
              node.host(),
              node.pid(),
              node.clustered() ? "clustered" : "alone",
              UTC.format(node.started().atOffset(ZoneOffset.UTC)),
              seconds(silent.isNegative() ? Duration.ZERO : silent),
              missing ? "  MISSING CHECK-INS (dead or cut off from the database)" : ""));
    }
    return lines;
  }

  private List<String> runs(Config config, OutputLayout layout, int count, Instant now) {
    List<String> lines = new ArrayList<>();
    boolean defaultDatabase = config.state().jdbcUrl().isEmpty();
    if (defaultDatabase && !layout.embeddedDatabaseExists()) {
      lines.add("last runs: none (the daemon has not run yet)");
      return lines;
    }
    try (Database database = Database.open(config.state(), layout)) {
      DeliveryLedger ledger = new DeliveryLedger(database.dataSource());
      Optional<String> week = ledger.latestWeek();
      if (week.isPresent()) {
        lines.add("deliveries of " + week.get() + ":");
        ledger
            .counts(week.get())
            .forEach(
                (list, c) ->
                    lines.add(
                        String.format(
                            Locale.ROOT,
                            "  %-20s %5d sent, %5d pending, %5d in flight, %5d failed, %5d"
                                + " uncertain",
                            list,
                            c.sent(),
                            c.pending(),
                            c.inFlight(),
                            c.failed(),
                            c.uncertain())));
      } else if (!config.lists().isEmpty()) {
        lines.add("deliveries: none yet");
      }
      lines.addAll(nodes(new NodeRegistry(database.dataSource()).all(), now));
      List<RunHistory.Run> runs = new RunHistory(database.dataSource()).recent(count);
      lines.add(runs.isEmpty() ? "last runs: none" : "last runs (newest first):");
      for (RunHistory.Run run : runs) {
        lines.add(
            String.format(
                Locale.ROOT,
                "  #%-4d %-20s %-16s %-12s %-9s %-8s %-9s %7s  %s",
                run.id(),
                UTC.format(run.started().atOffset(ZoneOffset.UTC)),
                run.job(),
                run.node(),
                run.trigger(),
                run.week(),
                run.outcome(),
                run.duration().map(Status::seconds).orElse("-"),
                run.detail().map(d -> d.lines().findFirst().orElse("")).orElse("")));
      }
    } catch (StateUnavailableException e) {
      lines.add("last runs: unavailable (" + e.getMessage() + ")");
    }
    return lines;
  }

  private List<String> weeks(PublishPlan plan) {
    List<String> published =
        plan.weeks(PublishPlan.State.CURRENT).stream()
            .map(week -> week + " (" + plan.published(week).orElseThrow().tlp().label() + ")")
            .toList();
    List<String> stale =
        plan.weeks(PublishPlan.State.STALE).stream().map(WeekId::toString).toList();
    List<String> missing =
        plan.weeks(PublishPlan.State.MISSING).stream().map(WeekId::toString).toList();
    List<String> lines = new ArrayList<>();
    lines.add(
        "weeks: "
            + published.size()
            + " published and current, "
            + stale.size()
            + " stale (data, templates,"
            + " config or cert-bulletin changed since, or files missing), "
            + missing.size()
            + " not published");
    if (!stale.isEmpty()) {
      lines.add("  stale: " + String.join(", ", stale) + " (run 'cert-bulletin publish')");
    }
    if (!missing.isEmpty()) {
      lines.add("  not published: " + String.join(", ", missing));
    }
    if (!published.isEmpty()) {
      lines.add("  latest published: " + published.get(published.size() - 1));
    }
    return lines;
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
