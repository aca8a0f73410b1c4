package org.certbulletin.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.AuditSettings;
import org.certbulletin.model.Principal;
import org.certbulletin.service.ApiToken;
import org.certbulletin.service.Application;
import org.certbulletin.service.AuditPage;
import org.certbulletin.service.AuditQuery;
import org.certbulletin.service.IssuedToken;
import tools.jackson.databind.JsonNode;

/**
 * API tokens and the audit log, for admins. The access service checks the role and writes the audit
 * lines of these operations itself.
 */
final class AccessOperations {

  private final Application application;

  AccessOperations(Application application) {
    this.application = application;
  }

  List<Operation> operations() {
    return List.of(
        new Operation(
            HandlerType.POST,
            "/api/tokens",
            "createToken",
            Optional.empty(),
            false,
            Operation.Audit.BY_SERVICE,
            this::create),
        new Operation(
            HandlerType.GET,
            "/api/tokens",
            "listTokens",
            Optional.empty(),
            false,
            Operation.Audit.BY_SERVICE,
            this::list),
        new Operation(
            HandlerType.DELETE,
            "/api/tokens/{name}",
            "revokeToken",
            Optional.empty(),
            false,
            Operation.Audit.BY_SERVICE,
            this::revoke),
        new Operation(
            HandlerType.GET,
            "/api/audit",
            "listAudit",
            Optional.empty(),
            false,
            Operation.Audit.BY_SERVICE,
            this::audit),
        new Operation(
            HandlerType.POST,
            "/api/audit/prune",
            "pruneAudit",
            Optional.empty(),
            false,
            Operation.Audit.BY_SERVICE,
            this::prune));
  }

  /** An admin's list has every token, anyone else's the tokens acting for their own user. */
  private void list(Context ctx, Principal caller) {
    List<Map<String, Object>> tokens =
        application.access().listTokens(caller, ctx.ip()).stream()
            .map(AccessOperations::describe)
            .toList();
    ctx.result(Json.write(Map.of("tokens", tokens)));
  }

  /**
   * Deletes the entries older than the retention {@code config.json} sets, as {@code cert-bulletin
   * audit prune} does; without that setting nothing is deleted.
   */
  private void prune(Context ctx, Principal caller) {
    OptionalInt pruned = application.access().pruneAudit(caller, ctx.ip());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("retention", application.access().retention().map(AuditSettings::text).orElse(null));
    answer.put("pruned", pruned.orElse(0));
    ctx.result(Json.write(answer));
  }

  /** {@code {"name": ..., "user": ..., "expires": "P90D"}}: the secret is in this answer only. */
  private void create(Context ctx, Principal caller) {
    JsonNode body = Bodies.json(ctx, "name", "user", "expires");
    String name = Bodies.text(body, "name");
    String user = Bodies.text(body, "user");
    Optional<Duration> validFor = Optional.empty();
    JsonNode expires = body.get("expires");
    if (expires != null) {
      if (!expires.isString()) {
        throw Bodies.wrong("expires", "an ISO-8601 duration such as P90D is required");
      }
      try {
        validFor = Optional.of(Duration.parse(expires.asString()));
      } catch (DateTimeParseException e) {
        throw Bodies.wrong(
            "expires", "'" + expires.asString() + "' is not an ISO-8601 duration such as P90D");
      }
    }
    IssuedToken issued = application.access().createToken(caller, ctx.ip(), name, user, validFor);
    Map<String, Object> answer = describe(issued.token());
    answer.put("token", issued.secret());
    ctx.status(201).header("Location", "/api/tokens/" + name).result(Json.write(answer));
  }

  private void revoke(Context ctx, Principal caller) {
    ctx.result(
        Json.write(
            describe(application.access().revokeToken(caller, ctx.ip(), ctx.pathParam("name")))));
  }

  /**
   * {@code ?actor=&operation=&since=&before=&limit=}: newest first, saying whether there is more.
   */
  private void audit(Context ctx, Principal caller) {
    int limit = 100;
    Optional<Long> before = Optional.empty();
    Optional<Instant> since = Optional.empty();
    try {
      if (ctx.queryParam("limit") != null) {
        limit = Integer.parseInt(ctx.queryParam("limit"));
      }
      if (ctx.queryParam("before") != null) {
        before = Optional.of(Long.parseLong(ctx.queryParam("before")));
      }
      if (ctx.queryParam("since") != null) {
        since = Optional.of(Instant.parse(ctx.queryParam("since")));
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      throw HttpRefusal.badRequest(
          "limit and before are whole numbers, since an instant such as 2024-12-16T00:00:00Z");
    }
    AuditPage page =
        application
            .access()
            .listAudit(
                caller,
                ctx.ip(),
                new AuditQuery(
                    Optional.ofNullable(ctx.queryParam("actor")),
                    Optional.ofNullable(ctx.queryParam("operation")),
                    since,
                    before,
                    limit));
    List<Map<String, Object>> entries =
        page.entries().stream().map(AccessOperations::describe).toList();
    ctx.result(Json.write(Map.of("entries", entries, "more", page.more())));
  }

  private static Map<String, Object> describe(ApiToken token) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("name", token.name());
    answer.put("user", token.user());
    answer.put("created", token.created().toString());
    token.expires().ifPresent(at -> answer.put("expires", at.toString()));
    token.revoked().ifPresent(at -> answer.put("revoked", at.toString()));
    token.lastUsed().ifPresent(at -> answer.put("lastUsed", at.toString()));
    return answer;
  }

  private static Map<String, Object> describe(AuditEntry entry) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", entry.id());
    answer.put("at", entry.at().toString());
    answer.put("actor", entry.actor());
    answer.put("operation", entry.operation());
    answer.put("target", entry.target());
    answer.put("from", entry.from());
    answer.put("outcome", entry.outcome().name().toLowerCase(java.util.Locale.ROOT));
    answer.put("detail", entry.detail());
    return answer;
  }
}
