package org.certbulletin.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.WeekReview;
import org.certbulletin.service.Application;
import org.certbulletin.service.WeekReport;
import tools.jackson.databind.JsonNode;

/**
 * A week's review: where it stands, submit it, approve it, reject it. The service checks the
 * caller's role and four eyes, and audits each change and refusal.
 */
final class ReviewOperations {

  private final Application application;

  ReviewOperations(Application application) {
    this.application = application;
  }

  List<Operation> operations() {
    return List.of(
        new Operation(
            HandlerType.GET,
            "/api/weeks/{week}/review",
            "getReview",
            Optional.empty(),
            false,
            Operation.Audit.NONE,
            this::review),
        new Operation(
            HandlerType.POST,
            "/api/weeks/{week}/review/submission",
            "submitWeek",
            Optional.of(Role.ANALYST),
            false,
            Operation.Audit.BY_SERVICE,
            this::submit),
        new Operation(
            HandlerType.POST,
            "/api/weeks/{week}/review/approval",
            "approveWeek",
            Optional.of(Role.REVIEWER),
            false,
            Operation.Audit.BY_SERVICE,
            this::approve),
        new Operation(
            HandlerType.POST,
            "/api/weeks/{week}/review/rejection",
            "rejectWeek",
            Optional.of(Role.REVIEWER),
            false,
            Operation.Audit.BY_SERVICE,
            this::reject),
        new Operation(
            HandlerType.GET,
            "/api/weeks/{week}/report",
            "getReport",
            Optional.empty(),
            false,
            Operation.Audit.BY_DOOR,
            this::report));
  }

  private void review(Context ctx, Principal caller) {
    ctx.result(
        Json.write(
            answer(
                application.rereadBulletins(caller, ctx.ip()).review(WeekOperations.week(ctx)))));
  }

  /** The body, if any, is {@code {"note": "..."}}. */
  private void submit(Context ctx, Principal caller) {
    Optional<String> note = Optional.empty();
    if (ctx.bodyAsBytes().length > 0) {
      JsonNode body = Bodies.json(ctx, "note");
      if (body.has("note")) {
        note = Optional.of(Bodies.text(body, "note"));
      }
    }
    var bulletins = application.rereadBulletins(caller, ctx.ip());
    bulletins.submit(WeekOperations.week(ctx), note);
    ctx.result(Json.write(answer(bulletins.review(WeekOperations.week(ctx)))));
  }

  private void approve(Context ctx, Principal caller) {
    var bulletins = application.rereadBulletins(caller, ctx.ip());
    bulletins.approve(WeekOperations.week(ctx));
    ctx.result(Json.write(answer(bulletins.review(WeekOperations.week(ctx)))));
  }

  /** The body is {@code {"reason": "..."}}. */
  private void reject(Context ctx, Principal caller) {
    JsonNode body = Bodies.json(ctx, "reason");
    String reason = Bodies.text(body, "reason");
    var bulletins = application.rereadBulletins(caller, ctx.ip());
    bulletins.reject(WeekOperations.week(ctx), reason);
    ctx.result(Json.write(answer(bulletins.review(WeekOperations.week(ctx)))));
  }

  private static Map<String, Object> answer(WeekReview review) {
    return WeekReport.reviewJson(review);
  }

  /** The auditor's report of the week: see {@link WeekReport}. */
  private void report(Context ctx, Principal caller) {
    ctx.result(
        Json.write(
            application.rereadBulletins(caller, ctx.ip()).report(WeekOperations.week(ctx)).json()));
  }
}
