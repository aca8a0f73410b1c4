package org.certbulletin.http.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.Subscriber;
import org.certbulletin.model.Subscriber.Status;
import org.certbulletin.service.Application;
import org.certbulletin.service.ServiceFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lists' subscribers, for operators and approvers: the requests awaiting the viewer's decision
 * (approve, or reject with a reason), the suspended addresses (resume), and how many each list has
 * of each status. The service checks the approver role and clearance and audits each decision, as
 * for the API's {@code approveSubscriber}, {@code rejectSubscriber} and {@code resumeSubscriber};
 * the door audits each view of the addresses as {@code listSubscribers}.
 */
final class SubscriberPages {

  private static final Logger log = LoggerFactory.getLogger(SubscriberPages.class);

  /** What a decision just made says, after its redirect. */
  private static final Set<String> DONE =
      Set.of("subscriberApproved", "subscriberRejected", "subscriberResumed");

  private final Application services;
  private final ConsoleDoor door;

  SubscriberPages(Application services, ConsoleDoor door) {
    this.services = services;
    this.door = door;
  }

  /** Whether {@code who} decides some list's requests; false while config.json cannot be read. */
  static boolean approves(Application services, Principal who) {
    try {
      return services.subscriptions().approves(who);
    } catch (RuntimeException e) {
      log.debug("cannot tell whether {} approves requests", who.actor(), e);
      return false;
    }
  }

  void install(JavalinConfig config) {
    door.page(
        config,
        HandlerType.GET,
        "/console/subscribers",
        "listSubscribers",
        Optional.empty(),
        ConsoleDoor.Audit.BY_DOOR,
        (ctx, visit) -> show(ctx, visit, 200, Map.of()));
    door.page(
        config,
        HandlerType.POST,
        "/console/subscribers/{id}/approve",
        "approveSubscriber",
        Optional.empty(),
        ConsoleDoor.Audit.BY_SERVICE,
        (ctx, visit) -> decide(ctx, visit, true));
    door.page(
        config,
        HandlerType.POST,
        "/console/subscribers/{id}/reject",
        "rejectSubscriber",
        Optional.empty(),
        ConsoleDoor.Audit.BY_SERVICE,
        (ctx, visit) -> decide(ctx, visit, false));
    door.page(
        config,
        HandlerType.POST,
        "/console/subscribers/{id}/resume",
        "resumeSubscriber",
        Optional.of(Role.OPERATOR),
        ConsoleDoor.Audit.BY_SERVICE,
        this::resume);
  }

  private void show(Context ctx, Visit visit, int status, Map<String, Object> outcome) {
    var subscriptions = services.subscriptions();
    Map<String, Object> model = new LinkedHashMap<>(outcome);
    model.put(
        "requests",
        subscriptions.awaitingApproval(visit.who(), visit.from()).stream()
            .map(SubscriberPages::describe)
            .toList());
    boolean operator = visit.has(Role.OPERATOR);
    List<Map<String, Object>> suspended = new ArrayList<>();
    List<Map<String, Object>> counts = new ArrayList<>();
    if (operator) {
      List<Subscriber> all =
          subscriptions.list(visit.who(), visit.from(), Optional.empty(), Set.of());
      Map<String, Map<Status, Integer>> byList = new LinkedHashMap<>();
      for (Subscriber s : all) {
        byList
            .computeIfAbsent(s.list(), k -> new EnumMap<>(Status.class))
            .merge(s.status(), 1, Integer::sum);
        if (s.status() == Status.SUSPENDED) {
          suspended.add(describe(s));
        }
      }
      byList.forEach(
          (list, byStatus) -> {
            List<Integer> row = new ArrayList<>();
            for (Status each : Status.values()) {
              row.add(byStatus.getOrDefault(each, 0));
            }
            counts.add(Map.of("list", list, "counts", row));
          });
    }
    model.put("operatorView", operator);
    model.put("suspended", suspended);
    model.put("counts", counts);
    model.put("statuses", List.of(Status.values()).stream().map(Status::code).toList());
    String done = ctx.queryParam("done");
    model.put("done", done != null && DONE.contains(done) ? done : "");
    door.views().render(ctx, visit, status, "subscribers.ftlh", model);
  }

  private void decide(Context ctx, Visit visit, boolean approve) {
    long id = id(ctx);
    String reason = approve ? null : ConsoleDoor.field(ctx, "reason").strip();
    try {
      services.subscriptions().decide(visit.who(), visit.from(), id, approve, reason);
    } catch (ServiceFailure.BadInput e) {
      // a form the service refused before it wrote a line: the door writes it
      ConsoleDoor.refused(ctx, e.getMessage());
      show(ctx, visit, 400, Map.of("problemId", id, "problem", door.shown(e.getMessage())));
      return;
    } catch (ServiceFailure.Conflict e) {
      show(ctx, visit, 409, Map.of("problemId", id, "problem", door.shown(e.getMessage())));
      return;
    }
    ctx.redirect(
        "/console/subscribers?done=" + (approve ? "subscriberApproved" : "subscriberRejected"),
        HttpStatus.SEE_OTHER);
  }

  private void resume(Context ctx, Visit visit) {
    long id = id(ctx);
    try {
      services.subscriptions().resume(visit.who(), visit.from(), id);
    } catch (ServiceFailure.Conflict e) {
      show(ctx, visit, 409, Map.of("problemId", id, "problem", door.shown(e.getMessage())));
      return;
    }
    ctx.redirect("/console/subscribers?done=subscriberResumed", HttpStatus.SEE_OTHER);
  }

  private static long id(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new ServiceFailure.NotFound("no subscriber " + ctx.pathParam("id"));
    }
  }

  private static Map<String, Object> describe(Subscriber s) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", Long.toString(s.id()));
    row.put("list", s.list());
    row.put("address", s.address());
    row.put("organisation", s.organisation().orElse(""));
    row.put("language", s.language().map(Locale::toLanguageTag).orElse(""));
    row.put("format", s.format().map(f -> f.code()).orElse(""));
    row.put("sectors", s.preferences().sectors());
    row.put("products", s.preferences().products());
    row.put("reason", s.reason().orElse(""));
    row.put("softBounces", s.softBounces());
    return row;
  }
}
