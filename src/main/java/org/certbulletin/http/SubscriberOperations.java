package org.certbulletin.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.Subscriber;
import org.certbulletin.model.Subscriber.Status;
import org.certbulletin.service.Application;
import org.certbulletin.service.ServiceFailure;
import org.certbulletin.service.SubscriberExport;

/**
 * The lists' subscribers, for operators and approvers: list them, the requests awaiting the
 * caller's decision, approve or reject a request, resume a suspended address. Addresses are
 * personal data: only callers cleared for a list's TLP see its subscribers, and every read of them
 * is audited.
 */
final class SubscriberOperations {

  private final Application application;

  SubscriberOperations(Application application) {
    this.application = application;
  }

  List<Operation> operations() {
    return List.of(
        new Operation(
            HandlerType.GET,
            "/api/subscribers",
            "listSubscribers",
            Optional.of(Role.OPERATOR),
            false,
            Operation.Audit.BY_DOOR,
            this::list),
        new Operation(
            HandlerType.GET,
            "/api/subscribers/requests",
            "listSubscriptionRequests",
            Optional.empty(),
            false,
            Operation.Audit.BY_DOOR,
            this::requests),
        new Operation(
            HandlerType.POST,
            "/api/subscribers/{id}/approve",
            "approveSubscriber",
            Optional.empty(),
            false,
            Operation.Audit.BY_SERVICE,
            (ctx, caller) -> decide(ctx, caller, true)),
        new Operation(
            HandlerType.POST,
            "/api/subscribers/{id}/reject",
            "rejectSubscriber",
            Optional.empty(),
            false,
            Operation.Audit.BY_SERVICE,
            (ctx, caller) -> decide(ctx, caller, false)),
        new Operation(
            HandlerType.POST,
            "/api/subscribers/{id}/resume",
            "resumeSubscriber",
            Optional.of(Role.OPERATOR),
            false,
            Operation.Audit.BY_SERVICE,
            this::resume));
  }

  /** {@code ?list=&status=}: statuses separated by commas; counts per list and status after. */
  private void list(Context ctx, Principal caller) {
    Optional<String> list = Optional.ofNullable(ctx.queryParam("list")).filter(l -> !l.isEmpty());
    Set<Status> statuses = statuses(ctx.queryParam("status"));
    List<Subscriber> found;
    try {
      found = application.subscriptions().list(caller, ctx.ip(), list, statuses);
    } catch (ServiceFailure.NotFound e) {
      throw Bodies.wrong("list", e.getMessage());
    }
    Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
    Map<String, Map<Status, Integer>> byStatus = new LinkedHashMap<>();
    for (Subscriber s : found) {
      byStatus
          .computeIfAbsent(s.list(), k -> new EnumMap<>(Status.class))
          .merge(s.status(), 1, Integer::sum);
    }
    byStatus.forEach(
        (name, each) -> {
          Map<String, Integer> codes = new LinkedHashMap<>();
          each.forEach((status, n) -> codes.put(status.code(), n));
          counts.put(name, codes);
        });
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("subscribers", json(found));
    answer.put("counts", counts);
    ctx.result(Json.write(answer));
  }

  private void requests(Context ctx, Principal caller) {
    ctx.result(
        Json.write(
            Map.of(
                "requests", json(application.subscriptions().awaitingApproval(caller, ctx.ip())))));
  }

  /** Approve: no body. Reject: {@code {"reason": "..."}}. */
  private void decide(Context ctx, Principal caller, boolean approve) {
    long id = id(ctx);
    String reason = null;
    if (!approve) {
      reason = Bodies.text(Bodies.json(ctx, "reason"), "reason");
    }
    Subscriber decided = application.subscriptions().decide(caller, ctx.ip(), id, approve, reason);
    ctx.result(Json.write(SubscriberExport.fields(decided)));
  }

  private void resume(Context ctx, Principal caller) {
    ctx.result(
        Json.write(
            SubscriberExport.fields(
                application.subscriptions().resume(caller, ctx.ip(), id(ctx)))));
  }

  private static long id(Context ctx) {
    String given = ctx.pathParam("id");
    try {
      long id = Long.parseLong(given);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // not a number: no such subscriber, as for any other id
    }
    throw new ServiceFailure.NotFound(
        "no subscriber '"
            + (given.length() > 40 ? given.substring(0, 40) + "..." : given)
            + "'; ids are whole numbers, as listSubscribers shows them");
  }

  private static Set<Status> statuses(String given) {
    if (given == null || given.isEmpty()) {
      return Set.of();
    }
    Set<Status> statuses = EnumSet.noneOf(Status.class);
    for (String code : given.split(",", -1)) {
      String wanted = code.strip().toLowerCase(Locale.ROOT);
      statuses.add(
          Arrays.stream(Status.values())
              .filter(s -> s.code().equals(wanted))
              .findFirst()
              .orElseThrow(
                  () ->
                      Bodies.wrong(
                          "status",
                          "no status '"
                              + (wanted.length() > 40 ? wanted.substring(0, 40) + "..." : wanted)
                              + "'; statuses: "
                              + Arrays.stream(Status.values())
                                  .map(Status::code)
                                  .collect(Collectors.joining(", ")))));
    }
    return statuses;
  }

  private static List<Map<String, Object>> json(List<Subscriber> subscribers) {
    List<Map<String, Object>> rows = new ArrayList<>();
    subscribers.forEach(s -> rows.add(SubscriberExport.fields(s)));
    return rows;
  }
}
