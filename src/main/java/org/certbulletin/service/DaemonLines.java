package org.certbulletin.service;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.WeekId;
import org.certbulletin.store.Database;

/**
 * What the daemon says when it starts (who it is, the schedule in words and its next firing, what a
 * firing publishes and sends) and when it stops (its runs, whether it stopped cleanly, the next
 * firing): a few lines on standard output, for the operator who started it.
 */
final class DaemonLines {

  /**
   * What a starting daemon knows.
   *
   * @param nextFiring the weekly trigger's next firing as stored; in the past when one was missed
   * @param lists every distribution list of the configuration
   * @param emailed the lists each firing emails (none without SMTP settings)
   */
  record Start(
      String node,
      String database,
      ScheduleSettings settings,
      Optional<Instant> nextFiring,
      List<String> lists,
      List<String> emailed,
      OutputLayout layout,
      DataDirectory data,
      boolean servesHttp,
      Instant now) {}

  private DaemonLines() {}

  /** The state database, for people: its file, or its JDBC URL without credentials. */
  static String database(StateSettings state, OutputLayout layout, Database database) {
    if (state.jdbcUrl().isEmpty()) {
      return layout.embeddedDatabaseFile() + " (embedded H2)";
    }
    return database.description() + (state.cluster() ? " (clustered)" : "");
  }

  /** The first line: which node this is, on which state database. */
  static String started(Start start) {
    return "daemon started: node " + start.node() + ", state database " + start.database();
  }

  /** The lines after the first: the schedule, what each firing does, how to stop. */
  static List<String> intentions(Start start) {
    ScheduleSettings settings = start.settings();
    List<String> lines = new ArrayList<>();
    Optional<Instant> next = start.settings().firings().next(start.now(), 1).stream().findFirst();
    String schedule = "schedule: " + settings.firings().inWords() + "; ";
    Optional<Instant> missed = start.nextFiring().filter(f -> f.isBefore(start.now()));
    if (missed.isPresent()) {
      schedule +=
          "the firing of "
              + local(missed.get(), settings)
              + " was missed while no daemon ran and "
              + (settings.catchUp()
                  ? "is caught up now (it publishes "
                      + DueWeek.at(missed.get(), settings.zone())
                      + "); "
                  : "is skipped (misfire: skip); ");
    }
    schedule +=
        next.map(
                f ->
                    "next firing "
                        + local(f, settings)
                        + " ("
                        + Status.UTC.format(f.atOffset(ZoneOffset.UTC))
                        + ") publishes "
                        + DueWeek.at(f, settings.zone()))
            .orElse("no future firing");
    lines.add(schedule);
    lines.add(firing(start));
    Optional<Instant> coming = missed.filter(f -> settings.catchUp()).or(() -> next);
    coming.flatMap(f -> note(start, DueWeek.at(f, settings.zone()))).ifPresent(lines::add);
    lines.add(
        (start.servesHttp()
                ? "the HTTP API and console are served beside the schedule (config.json 'http')"
                : "no HTTP server (config.json has no 'http' settings)")
            + "; stop with SIGTERM or Ctrl-C (a running job gets "
            + settings.shutdownGrace()
            + " to finish)");
    return lines;
  }

  private static String firing(Start start) {
    String publish =
        "each firing publishes the week just ended (and every week whose data changed) to "
            + start.layout().site();
    if (start.lists().isEmpty()) {
      return publish + "; config.json names no distribution list, so nothing is emailed";
    }
    if (start.emailed().isEmpty()) {
      List<WeekId> weeks = start.data().weeks();
      String week = weeks.isEmpty() ? "WEEK" : weeks.get(weeks.size() - 1).toString();
      return publish
          + ", and emails no list: config.json has no 'smtp' settings (lists "
          + String.join(", ", start.lists())
          + "; see a list's messages with '"
          + ProgramName.command("send " + week + " --list " + start.lists().get(0) + " --dry-run")
          + "')";
    }
    return publish + ", then emails lists " + String.join(", ", start.emailed());
  }

  /** A warning when the firing to come will find no data for its week. */
  private static Optional<String> note(Start start, WeekId due) {
    DataDirectory data = start.data();
    if (Files.isRegularFile(data.weekFile(due))) {
      return Optional.empty();
    }
    List<WeekId> sample = SampleData.only(data, due);
    if (!sample.isEmpty()) {
      return Optional.of(
          "note: the data folder holds only sample weeks ("
              + SampleData.range(sample)
              + "), so that firing finds no file for "
              + due
              + " and fails; rehearse a firing on the sample with '"
              + SampleData.rehearsal(sample)
              + "'");
    }
    return Optional.of(
        "note: "
            + data.weekFile(due)
            + " does not exist yet, and that firing fails until it does (retried every "
            + start.settings().retryEvery()
            + " for "
            + start.settings().giveUpAfter()
            + "); start it with '"
            + ProgramName.command("new " + due)
            + "'");
  }

  /** What a stopped daemon did, in one line. */
  static String stopped(
      String node,
      int succeeded,
      int failed,
      boolean clean,
      Duration grace,
      Duration uptime,
      ScheduleSettings settings,
      Optional<Instant> next) {
    int runs = succeeded + failed;
    return (clean
            ? "daemon stopped cleanly: "
            : "daemon stopped with a job still running after "
                + grace
                + " (it is run again when a daemon next starts): ")
        + "node "
        + node
        + " did "
        + runs
        + (runs == 1 ? " run" : " runs")
        + " ("
        + succeeded
        + " succeeded, "
        + failed
        + " failed) in "
        + length(uptime)
        + "; "
        + next.map(
                f ->
                    "next firing "
                        + local(f, settings)
                        + " publishes "
                        + DueWeek.at(f, settings.zone())
                        + (settings.catchUp()
                            ? " (if no daemon runs then, the next to start catches it up)"
                            : " (if no daemon runs then, it is skipped)"))
            .orElse("the schedule has no future firing");
  }

  private static String local(Instant firing, ScheduleSettings settings) {
    return Status.LOCAL.format(firing.atZone(settings.zone()));
  }

  /** {@code 12 s}, {@code 5 min 12 s}, {@code 3 h 05 min}, {@code 2 d 3 h}. */
  static String length(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }
    if (seconds < 86400) {
      return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }
    return String.format(Locale.ROOT, "%d d %d h", seconds / 86400, seconds % 86400 / 3600);
  }
}
