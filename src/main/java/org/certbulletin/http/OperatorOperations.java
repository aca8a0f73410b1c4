package org.certbulletin.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.Principal;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.Role;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.Application;
import org.certbulletin.service.PublishResult;
import org.certbulletin.service.SendOptions;

/** What operators do: publish the archive, send a week to a list; and the state of it all. */
final class OperatorOperations {

  private final Application application;

  OperatorOperations(Application application) {
    this.application = application;
  }

  List<Operation> operations() {
    Optional<Role> operator = Optional.of(Role.OPERATOR);
    return List.of(
        new Operation(
            HandlerType.POST,
            "/api/publish",
            "publish",
            operator,
            false,
            Operation.Audit.BY_SERVICE,
            this::publish),
        new Operation(
            HandlerType.POST,
            "/api/weeks/{week}/send",
            "sendWeek",
            operator,
            false,
            Operation.Audit.BY_SERVICE,
            this::send),
        new Operation(
            HandlerType.GET,
            "/api/status",
            "getStatus",
            Optional.empty(),
            false,
            Operation.Audit.NONE,
            this::status));
  }

  /** {@code ?allowRemoval=true} takes out published weeks whose data is gone. */
  private void publish(Context ctx, Principal caller) throws InterruptedException {
    boolean allowRemoval = ImportOperations.flag(ctx, "allowRemoval");
    PublishResult result =
        application.rereadBulletins(caller, ctx.ip()).publish(ProgressListener.NONE, allowRemoval);
    Map<String, Object> failed = new LinkedHashMap<>();
    result.failed().forEach((week, failure) -> failed.put(week.toString(), failure.reason()));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("changed", result.changed());
    answer.put("built", result.built().stream().map(WeekId::toString).toList());
    answer.put("unchanged", result.unchanged().stream().map(WeekId::toString).toList());
    answer.put("failed", failed);
    Map<String, Object> withheld = new LinkedHashMap<>();
    result.withheld().forEach((week, reason) -> withheld.put(week.toString(), reason));
    answer.put("withheld", withheld);
    ctx.result(Json.write(answer));
  }

  /**
   * {@code ?list=NAME[&dryRun=true][&resendUncertain=true]}: sends the week to the list as {@code
   * cert-bulletin send} does: each recipient once, whatever came before; a dry run writes the
   * messages to the outbox; {@code resendUncertain} queues again the recipients whose outcome is
   * unknown, as {@code send --resend-uncertain} does.
   */
  private void send(Context ctx, Principal caller) throws InterruptedException {
    WeekId week = WeekOperations.week(ctx);
    String list = ctx.queryParam("list");
    if (list == null || list.isBlank()) {
      throw HttpRefusal.badRequest("?list: name the distribution list to send to");
    }
    boolean dryRun = ImportOperations.flag(ctx, "dryRun");
    boolean resendUncertain = ImportOperations.flag(ctx, "resendUncertain");
    DeliveryReport report =
        application
            .rereadBulletins(caller, ctx.ip())
            .send(
                week,
                list,
                new SendOptions(
                    dryRun, resendUncertain, application.environment(), application.clock()));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("week", report.week().toString());
    answer.put("list", report.list());
    answer.put("tlp", report.edition().code());
    answer.put("dryRun", dryRun);
    answer.put("recipients", report.recipients());
    answer.put("sent", report.sent());
    answer.put("alreadySent", report.alreadySent());
    answer.put("failed", report.failed());
    answer.put("deferred", report.deferred());
    answer.put("uncertain", report.uncertain());
    answer.put("complete", report.complete());
    report
        .correction()
        .ifPresent(
            c ->
                answer.put(
                    "correction",
                    Map.of("version", c.version(), "earlierRecipients", c.earlierRecipients())));
    ctx.result(Json.write(answer));
  }

  /**
   * {@code ?runs=N}: the schedule and its next firings, the last runs, the nodes, the deliveries,
   * the archive's weeks and the alarm (see {@link StatusAnswer}).
   */
  private void status(Context ctx, Principal caller) {
    int runs = 10;
    if (ctx.queryParam("runs") != null) {
      try {
        runs = Integer.parseInt(ctx.queryParam("runs"));
      } catch (NumberFormatException e) {
        throw HttpRefusal.badRequest("?runs: a whole number of runs to show, such as 10");
      }
      if (runs < 1 || runs > 1000) {
        throw HttpRefusal.badRequest("?runs: between 1 and 1000");
      }
    }
    ctx.result(
        Json.write(
            StatusAnswer.of(
                application.scheduling().status(runs), new ServerPaths(application.workspace()))));
  }
}
