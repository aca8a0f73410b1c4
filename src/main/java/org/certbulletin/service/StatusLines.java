package org.certbulletin.service;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.WeekId;
import org.certbulletin.model.WeekReview;

/** A {@link StatusReport} for people: the lines {@code status} prints. */
final class StatusLines {

  private StatusLines() {}

  static List<String> of(StatusReport report, boolean addresses) {
    List<String> lines = new ArrayList<>();
    report
        .schedule()
        .ifPresentOrElse(
            schedule -> schedule(schedule, lines),
            () -> lines.add("schedule: none (add 'schedule' to config.json to run the daemon)"));
    if (!report.keys().isEmpty()) {
      lines.add("openpgp keys:");
      report.keys().forEach(finding -> lines.add("  " + finding));
    }
    report.review().ifPresent(review -> review(review, lines));
    state(report.state(), report.at(), lines);
    suspended(report.state().suspended(), addresses, lines);
    archive(report.archive(), lines);
    return List.copyOf(lines);
  }

  private static void review(StatusReport.DueReview due, List<String> lines) {
    WeekReview review = due.review();
    lines.add(
        "review of the due week "
            + review.week()
            + ": "
            + review.state().code()
            + review.latest().map(v -> " (version " + v.number() + ")").orElse("")
            + due.action().map(a -> "; " + a).orElse("; it may leave"));
  }

  private static void schedule(StatusReport.Schedule schedule, List<String> lines) {
    ZoneId zone = schedule.zone();
    lines.add(
        "schedule: "
            + schedule.inWords()
            + " ('"
            + schedule.cron()
            + "'; after downtime: "
            + (schedule.catchUp() ? "catch up once" : "skip missed firings")
            + ", retry every "
            + schedule.retryEvery()
            + " for "
            + schedule.giveUpAfter()
            + ")");
    lines.add("next firings:");
    for (StatusReport.Firing firing : schedule.nextFirings()) {
      lines.add(
          String.format(
              Locale.ROOT,
              "  %-32s %-22s publishes %s",
              Status.LOCAL.format(firing.at().atZone(zone)),
              Status.UTC.format(firing.at().atOffset(ZoneOffset.UTC)),
              firing.publishes()));
    }
    schedule.due().ifPresent(due -> due(due, zone, lines));
  }

  private static void due(StatusReport.Due due, ZoneId zone, List<String> lines) {
    String state =
        due.published()
            ? "published"
            : !due.late()
                ? "not published yet (deadline "
                    + Status.LOCAL.format(due.deadline().atZone(zone))
                    + ")"
                : !due.sampleWeeks().isEmpty()
                    ? "not published (no file: the data folder holds only sample weeks)"
                    : "NOT PUBLISHED, deadline passed "
                        + Status.LOCAL.format(due.deadline().atZone(zone));
    lines.add(
        "due week: "
            + due.week()
            + " (firing "
            + Status.LOCAL.format(due.firing().atZone(zone))
            + "): "
            + state);
    if (!due.published() && !due.sampleWeeks().isEmpty()) {
      lines.add(
          "sample data: every week in the data folder ("
              + SampleData.range(due.sampleWeeks())
              + ") is marked \"sample\", so nothing of yours is due and no alarm is raised."
              + " Rehearse a firing on the sample with '"
              + SampleData.rehearsal(due.sampleWeeks())
              + "'; start your own weeks with '"
              + ProgramName.command("new " + due.week())
              + "'");
    }
  }

  private static void state(StatusReport.State state, Instant now, List<String> lines) {
    if (!state.created()) {
      lines.add("last runs: none (the daemon has not run yet)");
      return;
    }
    if (state.unavailable().isPresent()) {
      lines.add("last runs: unavailable (" + state.unavailable().get() + ")");
      return;
    }
    state
        .deliveries()
        .ifPresent(
            deliveries -> {
              if (deliveries.week().isEmpty()) {
                lines.add("deliveries: none yet");
                return;
              }
              lines.add("deliveries of " + deliveries.week().get() + ":");
              for (StatusReport.ListDeliveries c : deliveries.lists()) {
                lines.add(
                    String.format(
                        Locale.ROOT,
                        "  %-20s %5d sent, %5d pending, %5d in flight, %5d failed, %5d uncertain",
                        c.list(),
                        c.sent(),
                        c.pending(),
                        c.inFlight(),
                        c.failed(),
                        c.uncertain()));
              }
            });
    lines.add(state.nodes().isEmpty() ? "nodes: none running" : "nodes:");
    for (StatusReport.Node node : state.nodes()) {
      Duration silent = Duration.between(node.lastCheckIn(), now);
      lines.add(
          String.format(
              "  %-12s %-24s pid %-7d %-9s started %s, last check-in %s ago%s",
              node.id(),
              node.host(),
              node.pid(),
              node.clustered() ? "clustered" : "alone",
              Status.UTC.format(node.started().atOffset(ZoneOffset.UTC)),
              seconds(silent.isNegative() ? Duration.ZERO : silent),
              node.missing() ? "  MISSING CHECK-INS (dead or cut off from the database)" : ""));
    }
    lines.add(state.runs().isEmpty() ? "last runs: none" : "last runs (newest first):");
    for (ScheduledRun run : state.runs()) {
      lines.add(
          String.format(
              Locale.ROOT,
              "  #%-4d %-20s %-16s %-12s %-9s %-8s %-9s %7s  %s",
              run.id(),
              Status.UTC.format(run.started().atOffset(ZoneOffset.UTC)),
              run.job(),
              run.node(),
              run.trigger(),
              run.week(),
              run.outcome(),
              run.duration().map(StatusLines::seconds).orElse("-"),
              run.detail().map(d -> d.lines().findFirst().orElse("")).orElse("")));
    }
  }

  private static void suspended(
      List<StatusReport.Suspended> suspended, boolean addresses, List<String> lines) {
    if (suspended.isEmpty()) {
      return;
    }
    lines.add(
        "suspended addresses (bounced; not mailed until resumed)"
            + (addresses
                ? ":"
                : "; '" + ProgramName.command("status --verbose") + "' names them:"));
    for (StatusReport.Suspended list : suspended) {
      lines.add(
          String.format(
              Locale.ROOT, "  %-20s %5d suspended", list.list(), list.addresses().size()));
      if (addresses) {
        list.addresses().forEach(address -> lines.add("    " + address));
      }
    }
  }

  private static void archive(StatusReport.Archive archive, List<String> lines) {
    lines.add(
        "weeks: "
            + archive.current().size()
            + " published and current, "
            + archive.stale().size()
            + " stale (data, templates,"
            + " config or cert-bulletin changed since, or files missing), "
            + archive.notPublished().size()
            + " not published");
    if (!archive.stale().isEmpty()) {
      lines.add(
          "  stale: " + join(archive.stale()) + " (run '" + ProgramName.command("publish") + "')");
    }
    if (!archive.notPublished().isEmpty()) {
      lines.add("  not published: " + join(archive.notPublished()));
    }
    archive
        .latestPublished()
        .ifPresent(
            published ->
                lines.add(
                    "  latest published: "
                        + published.week()
                        + " ("
                        + published.tlp().label()
                        + (published.stale()
                            ? "; readers have the edition published before its inputs changed"
                            : "")
                        + ")"));
    archive
        .latestPreview()
        .ifPresent(
            preview ->
                lines.add(
                    "  latest preview: "
                        + preview.week()
                        + " in "
                        + preview.folder()
                        + " (built, not published: readers get it with '"
                        + ProgramName.command("publish")
                        + "')"));
  }

  private static String join(List<WeekId> weeks) {
    return String.join(", ", weeks.stream().map(WeekId::toString).toList());
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
