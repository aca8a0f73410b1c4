package org.certbulletin.http.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.Role;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.Application;
import org.certbulletin.service.PublishResult;
import org.certbulletin.service.SendOptions;
import org.certbulletin.service.ServiceFailure;
import org.certbulletin.service.StatusReport;

/**
 * What an operator runs: the status (schedule, runs, nodes, deliveries, the due week), publishing
 * the archive, and sending a week to a list (a dry run first).
 */
final class OperatePages {

  private final Application services;
  private final ConsoleDoor door;

  OperatePages(Application services, ConsoleDoor door) {
    this.services = services;
    this.door = door;
  }

  void install(JavalinConfig config) {
    Optional<Role> operator = Optional.of(Role.OPERATOR);
    door.page(
        config,
        HandlerType.GET,
        "/console/operate",
        "getStatus",
        Optional.empty(),
        ConsoleDoor.Audit.NONE,
        (ctx, visit) -> show(ctx, visit, 200, Map.of()));
    door.page(
        config,
        HandlerType.POST,
        "/console/publish",
        "publish",
        operator,
        ConsoleDoor.Audit.BY_SERVICE,
        this::publish);
    door.page(
        config,
        HandlerType.POST,
        "/console/send",
        "sendWeek",
        operator,
        ConsoleDoor.Audit.BY_SERVICE,
        this::send);
  }

  private void show(Context ctx, Visit visit, int status, Map<String, Object> outcome) {
    StatusReport report = services.scheduling().status(10);
    Map<String, Object> model = new LinkedHashMap<>(outcome);
    model.put("lines", report.lines().stream().map(door::shown).toList());
    model.put("alarm", report.alarm().map(door::shown).orElse(""));
    model.put("lists", services.rereadBulletins(visit.who(), visit.from()).distributionLists());
    model.put("deliveries", DeliveryTable.of(report, services, visit));
    List<String> weeks = new ArrayList<>();
    services
        .rereadBulletins(visit.who(), visit.from())
        .weeks()
        .forEach(w -> weeks.add(0, w.toString()));
    model.put("weeks", weeks);
    door.views().render(ctx, visit, status, "operate.ftlh", model);
  }

  private void publish(Context ctx, Visit visit) throws InterruptedException {
    PublishResult result =
        services.rereadBulletins(visit.who(), visit.from()).publish(ProgressListener.NONE, false);
    Map<String, Object> published = new LinkedHashMap<>();
    published.put("built", result.built().stream().map(WeekId::toString).toList());
    published.put("unchanged", result.unchanged().size());
    Map<String, String> failed = new LinkedHashMap<>();
    result.failed().forEach((week, why) -> failed.put(week.toString(), why.reason()));
    published.put("failed", failed);
    Map<String, String> withheld = new LinkedHashMap<>();
    result.withheld().forEach((week, why) -> withheld.put(week.toString(), why));
    published.put("withheld", withheld);
    show(ctx, visit, 200, Map.of("published", published));
  }

  private void send(Context ctx, Visit visit) throws InterruptedException {
    WeekId week;
    try {
      week = WeekId.parse(ConsoleDoor.field(ctx, "week"));
    } catch (IllegalArgumentException e) {
      throw new ServiceFailure.BadInput("week: " + e.getMessage(), List.of());
    }
    String list = ConsoleDoor.field(ctx, "list").strip();
    boolean dryRun = ctx.formParam("dryRun") != null;
    try {
      DeliveryReport report =
          services
              .rereadBulletins(visit.who(), visit.from())
              .send(
                  week,
                  list,
                  new SendOptions(dryRun, false, services.environment(), services.clock()));
      Map<String, Object> sent = new LinkedHashMap<>();
      sent.put("week", week.toString());
      sent.put("list", report.list());
      sent.put("tlp", report.edition().label());
      sent.put("dryRun", dryRun);
      sent.put("recipients", report.recipients());
      sent.put("sent", report.sent());
      sent.put("alreadySent", report.alreadySent());
      sent.put("failed", report.failed());
      sent.put("deferred", report.deferred());
      sent.put("uncertain", report.uncertain());
      sent.put("correction", report.correction().map(c -> c.version()).orElse(0));
      show(ctx, visit, 200, Map.of("sent", sent));
    } catch (ServiceFailure.Conflict | ServiceFailure.BadInput | ServiceFailure.NotFound e) {
      show(ctx, visit, ConsoleDoor.status(e), Map.of("problem", door.shown(e.getMessage())));
    }
  }
}
