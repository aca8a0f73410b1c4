package org.certbulletin.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.KeyCheck;
import org.certbulletin.service.ScheduledRun;
import org.certbulletin.service.StatusReport;
import org.certbulletin.service.WeekReport;

/**
 * A {@link StatusReport} as {@code getStatus} answers it: its structure, times in ISO 8601 (UTC),
 * with the lines {@code cert-bulletin status} prints beside it. The structure names no file of the
 * server; the lines and the alarm are the operator's text, as the command line prints it, with the
 * server's folders by their names ({@code out/site/2024/W51}).
 */
final class StatusAnswer {

  private StatusAnswer() {}

  /** The report's fields, and its lines and alarm with the server's folders named, not located. */
  static Map<String, Object> of(StatusReport report, ServerPaths paths) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("at", report.at().toString());
    report.schedule().ifPresent(schedule -> answer.put("schedule", schedule(schedule)));
    answer.put("keys", report.keys().stream().map(StatusAnswer::key).toList());
    answer.put("state", state(report.state()));
    answer.put("archive", archive(report.archive()));
    report.alarm().ifPresent(alarm -> answer.put("alarm", paths.shown(alarm)));
    report
        .review()
        .ifPresent(
            review -> {
              Map<String, Object> due = new LinkedHashMap<>(WeekReport.reviewJson(review.review()));
              due.put("action", review.action().orElse(null));
              answer.put("review", due);
            });
    answer.put("lines", report.lines().stream().map(paths::shown).toList());
    return answer;
  }

  private static Map<String, Object> schedule(StatusReport.Schedule schedule) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("inWords", schedule.inWords());
    answer.put("cron", schedule.cron());
    answer.put("timeZone", schedule.zone().getId());
    answer.put("catchUp", schedule.catchUp());
    answer.put("retryEvery", schedule.retryEvery().toString());
    answer.put("giveUpAfter", schedule.giveUpAfter().toString());
    answer.put(
        "nextFirings",
        schedule.nextFirings().stream()
            .map(
                f -> {
                  Map<String, Object> firing = new LinkedHashMap<>();
                  firing.put("at", f.at().toString());
                  firing.put("publishes", f.publishes().toString());
                  return firing;
                })
            .toList());
    schedule
        .due()
        .ifPresent(
            due -> {
              Map<String, Object> week = new LinkedHashMap<>();
              week.put("week", due.week().toString());
              week.put("firing", due.firing().toString());
              week.put("deadline", due.deadline().toString());
              week.put("published", due.published());
              week.put("late", due.late());
              week.put("sampleWeeks", weeks(due.sampleWeeks()));
              answer.put("due", week);
            });
    return answer;
  }

  private static Map<String, Object> key(KeyCheck.Finding finding) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("error", finding.error());
    answer.put("message", finding.message());
    return answer;
  }

  private static Map<String, Object> state(StatusReport.State state) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("created", state.created());
    state.unavailable().ifPresent(reason -> answer.put("unavailable", reason));
    state
        .deliveries()
        .ifPresent(
            deliveries -> {
              Map<String, Object> ledger = new LinkedHashMap<>();
              deliveries.week().ifPresent(week -> ledger.put("week", week));
              ledger.put(
                  "lists",
                  deliveries.lists().stream()
                      .map(
                          c -> {
                            Map<String, Object> list = new LinkedHashMap<>();
                            list.put("list", c.list());
                            list.put("sent", c.sent());
                            list.put("pending", c.pending());
                            list.put("inFlight", c.inFlight());
                            list.put("failed", c.failed());
                            list.put("uncertain", c.uncertain());
                            return list;
                          })
                      .toList());
              answer.put("deliveries", ledger);
            });
    answer.put(
        "nodes",
        state.nodes().stream()
            .map(
                n -> {
                  Map<String, Object> node = new LinkedHashMap<>();
                  node.put("id", n.id());
                  node.put("host", n.host());
                  node.put("pid", n.pid());
                  node.put("clustered", n.clustered());
                  node.put("started", n.started().toString());
                  node.put("lastCheckIn", n.lastCheckIn().toString());
                  node.put("missing", n.missing());
                  return node;
                })
            .toList());
    answer.put("runs", state.runs().stream().map(StatusAnswer::run).toList());
    return answer;
  }

  private static Map<String, Object> run(ScheduledRun run) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", run.id());
    answer.put("job", run.job());
    answer.put("trigger", run.trigger());
    answer.put("week", run.week());
    answer.put("scheduled", run.scheduled().toString());
    answer.put("started", run.started().toString());
    run.finished().ifPresent(finished -> answer.put("finished", finished.toString()));
    answer.put("outcome", run.outcome().name());
    answer.put("attempt", run.attempt());
    answer.put("node", run.node());
    run.detail().ifPresent(detail -> answer.put("detail", detail));
    return answer;
  }

  private static Map<String, Object> archive(StatusReport.Archive archive) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("current", weeks(archive.current()));
    answer.put("stale", weeks(archive.stale()));
    answer.put("notPublished", weeks(archive.notPublished()));
    archive
        .latestPublished()
        .ifPresent(
            published -> {
              Map<String, Object> week = new LinkedHashMap<>();
              week.put("week", published.week().toString());
              week.put("tlp", published.tlp().label());
              week.put("stale", published.stale());
              answer.put("latestPublished", week);
            });
    archive
        .latestPreview()
        .ifPresent(
            preview -> answer.put("latestPreview", Map.of("week", preview.week().toString())));
    return answer;
  }

  private static List<String> weeks(List<WeekId> weeks) {
    return weeks.stream().map(WeekId::toString).toList();
  }
}
