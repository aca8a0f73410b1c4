package org.certbulletin.http.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.model.Amendment;
import org.certbulletin.model.ReviewAct;
import org.certbulletin.model.Role;
import org.certbulletin.model.WeekId;
import org.certbulletin.model.WeekReview;
import org.certbulletin.model.WeekVersion;
import org.certbulletin.service.Application;
import org.certbulletin.service.Bulletins;
import org.certbulletin.service.ServiceFailure;
import org.certbulletin.service.TallyField;
import org.certbulletin.service.WeekChanges;

/**
 * A week's review: what the file changes from the last published version, its versions and who did
 * what, and submit, approve (four eyes, as the service enforces) and reject with a reason.
 */
final class ReviewPages {

  private final Application services;
  private final ConsoleDoor door;

  ReviewPages(Application services, ConsoleDoor door) {
    this.services = services;
    this.door = door;
  }

  void install(JavalinConfig config) {
    door.page(
        config,
        HandlerType.GET,
        "/console/weeks/{week}/review",
        "getReview",
        Optional.empty(),
        ConsoleDoor.Audit.NONE,
        (ctx, visit) -> show(ctx, visit, 200, ""));
    door.page(
        config,
        HandlerType.POST,
        "/console/weeks/{week}/review/submission",
        "submitWeek",
        Optional.of(Role.ANALYST),
        ConsoleDoor.Audit.BY_SERVICE,
        this::submit);
    door.page(
        config,
        HandlerType.POST,
        "/console/weeks/{week}/review/approval",
        "approveWeek",
        Optional.of(Role.REVIEWER),
        ConsoleDoor.Audit.BY_SERVICE,
        this::approve);
    door.page(
        config,
        HandlerType.POST,
        "/console/weeks/{week}/review/rejection",
        "rejectWeek",
        Optional.of(Role.REVIEWER),
        ConsoleDoor.Audit.BY_SERVICE,
        this::reject);
  }

  private Bulletins bulletins(Visit visit) {
    return services.rereadBulletins(visit.who(), visit.from());
  }

  private void show(Context ctx, Visit visit, int status, String problem) {
    WeekId week = WeekPages.week(ctx);
    Bulletins bulletins = bulletins(visit);
    WeekReview review = bulletins.review(week);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("week", week.toString());
    model.put("state", review.state().name().toLowerCase(Locale.ROOT));
    model.put("approvalRequired", review.approvalRequired());
    model.put("changedOnDisk", review.changedOnDisk());
    List<Map<String, Object>> versions = new ArrayList<>();
    for (WeekVersion version : review.versions()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("number", version.number());
      row.put("status", version.status().name().toLowerCase(Locale.ROOT));
      row.put("edited", act(version.edited()));
      row.put("submitted", act(version.submitted()));
      row.put("note", version.note().orElse(""));
      row.put("approved", act(version.approved()));
      row.put("releaseAt", version.releaseAt().map(Object::toString).orElse(""));
      row.put("published", act(version.published()));
      row.put("rejected", act(version.rejected()));
      row.put("rejection", version.rejection().orElse(""));
      versions.add(0, row);
    }
    model.put("versions", versions);
    WeekChanges changes = bulletins.changes(week);
    model.put("against", changes.against().orElse(0));
    Map<String, TallyField> tallies = new LinkedHashMap<>();
    bulletins.tallyFields(visit.language().locale()).forEach(t -> tallies.put(t.key(), t));
    List<Map<String, String>> rows = new ArrayList<>();
    for (Amendment change : changes.changes()) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("kind", change.kind().code());
      Optional<TallyField> tally =
          change.kind() == Amendment.Kind.TALLY
                  || change.kind() == Amendment.Kind.BREAKDOWN
                  || change.kind() == Amendment.Kind.OF_WHICH
              ? change.subject().map(tallies::get)
              : Optional.empty();
      row.put("subject", tally.map(TallyField::label).or(change::subject).orElse(""));
      row.put(
          "part",
          change
              .part()
              .map(
                  part ->
                      tally.stream()
                          .flatMap(
                              t ->
                                  java.util.stream.Stream.concat(
                                      t.breakdown().stream(), t.ofWhich().stream()))
                          .filter(p -> p.key().equals(part))
                          .map(TallyField.Part::label)
                          .findFirst()
                          .orElse(part))
              .orElse(""));
      row.put("before", change.before().orElse(""));
      row.put("after", change.after().orElse(""));
      rows.add(row);
    }
    model.put("changes", rows);
    model.put("problem", problem);
    model.put("done", ctx.queryParam("done") == null ? "" : ctx.queryParam("done"));
    door.views().render(ctx, visit, status, "review.ftlh", model);
  }

  private static String act(Optional<ReviewAct> act) {
    return act.map(
            a ->
                a.by()
                    + ", "
                    + a.at()
                        .toString()
                        .replace('T', ' ')
                        .replaceFirst(":\\d\\d(\\.\\d+)?Z$", " UTC"))
        .orElse("");
  }

  private void submit(Context ctx, Visit visit) {
    String note = ConsoleDoor.field(ctx, "note").strip();
    act(
        ctx,
        visit,
        "submitted",
        () ->
            bulletins(visit)
                .submit(
                    WeekPages.week(ctx), note.isEmpty() ? Optional.empty() : Optional.of(note)));
  }

  private void approve(Context ctx, Visit visit) {
    act(ctx, visit, "approved", () -> bulletins(visit).approve(WeekPages.week(ctx)));
  }

  private void reject(Context ctx, Visit visit) {
    String reason = ConsoleDoor.field(ctx, "reason").strip();
    if (reason.isEmpty()) {
      ConsoleDoor.refused(ctx, "no reason given for the rejection");
      show(ctx, visit, 400, door.views().word(visit.language(), "review.reasonNeeded"));
      return;
    }
    act(ctx, visit, "rejected", () -> bulletins(visit).reject(WeekPages.week(ctx), reason));
  }

  /** Does it, then shows the review again; a refusal (four eyes, a stale file) is said on it. */
  private void act(Context ctx, Visit visit, String done, Runnable action) {
    try {
      action.run();
      ctx.redirect(
          "/console/weeks/" + WeekPages.week(ctx) + "/review?done=" + done, HttpStatus.SEE_OTHER);
    } catch (ServiceFailure.Conflict | ServiceFailure.BadInput e) {
      show(ctx, visit, ConsoleDoor.status(e), door.shown(e.getMessage()));
    }
  }
}
