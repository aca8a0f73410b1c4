package org.certbulletin.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.model.Principal;
import org.certbulletin.model.ReviewAct;
import org.certbulletin.model.Role;
import org.certbulletin.model.WeekReview;
import org.certbulletin.model.WeekVersion;
import org.certbulletin.service.Application;
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
            this::reject));
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

  static Map<String, Object> answer(WeekReview review) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("week", review.week().toString());
    answer.put("state", review.state().code());
    answer.put("changedOnDisk", review.changedOnDisk());
    answer.put("approvalRequired", review.approvalRequired());
    answer.put("versions", review.versions().stream().map(ReviewOperations::version).toList());
    return answer;
  }

  private static Map<String, Object> version(WeekVersion v) {
    Map<String, Object> version = new LinkedHashMap<>();
    version.put("version", v.number());
    version.put("status", v.status().code());
    version.put("contentSha256", v.contentHash().orElse(null));
    version.put("edited", act(v.edited()));
    version.put("submitted", act(v.submitted()));
    version.put("note", v.note().orElse(null));
    version.put("approved", act(v.approved()));
    version.put("releaseAt", v.releaseAt().map(Instant::toString).orElse(null));
    version.put("published", act(v.published()));
    version.put("rejected", act(v.rejected()));
    version.put("rejection", v.rejection().orElse(null));
    return version;
  }

  private static Map<String, Object> act(Optional<ReviewAct> act) {
    if (act.isEmpty()) {
      return null;
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("by", act.get().by());
    answer.put("at", act.get().at().toString());
    return answer;
  }
}
