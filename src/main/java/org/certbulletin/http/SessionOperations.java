package org.certbulletin.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.service.AccessService;
import org.certbulletin.service.Application;
import org.certbulletin.service.Session;
import tools.jackson.databind.JsonNode;

/** Signing in and out (people), and who the caller is (people and tokens). */
final class SessionOperations {

  private final Application application;
  private final SignInLimits limits;

  SessionOperations(Application application, SignInLimits limits) {
    this.application = application;
    this.limits = limits;
  }

  List<Operation> operations() {
    return List.of(
        new Operation(
            HandlerType.POST,
            "/api/session",
            "login",
            Optional.empty(),
            true,
            Operation.Audit.BY_SERVICE,
            this::login),
        new Operation(
            HandlerType.DELETE,
            "/api/session",
            "logout",
            Optional.empty(),
            false,
            Operation.Audit.BY_SERVICE,
            this::logout),
        new Operation(
            HandlerType.POST,
            "/api/session/password",
            "changePassword",
            Optional.empty(),
            false,
            Operation.Audit.BY_SERVICE,
            this::changePassword),
        new Operation(
            HandlerType.GET,
            "/api/me",
            "whoAmI",
            Optional.empty(),
            false,
            Operation.Audit.NONE,
            this::whoAmI));
  }

  /**
   * {@code {"name": ..., "password": ...}}: a new session (the id is rotated at every sign-in) in a
   * cookie the page's scripts cannot read and no other site can send, and the CSRF token that every
   * change made with it must carry.
   */
  @SuppressWarnings("try") // the permit is held while the password is checked
  private void login(Context ctx, Principal unused) throws InterruptedException {
    JsonNode body = Bodies.json(ctx, "name", "password");
    String name = Bodies.text(body, "name");
    char[] password = Bodies.text(body, "password").toCharArray();
    try (SignInLimits.Permit permit = limits.admit(ctx.ip())) {
      Session session =
          application
              .access()
              .login(
                  name,
                  password,
                  ctx.ip(),
                  Optional.ofNullable(ctx.cookie(ApiServer.SESSION_COOKIE)))
              .orElseThrow(() -> HttpRefusal.unauthenticated(AccessService.SIGN_IN_REFUSED));
      setCookie(ctx, session);
      Map<String, Object> answer = describe(session.principal());
      answer.put("csrfToken", session.csrfToken());
      ctx.result(Json.write(answer));
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * {@code {"current": ..., "password": ...}}: a person's own new password. Every session of theirs
   * ends; this one is replaced by a new one (a new cookie and CSRF token), as at a sign-in.
   */
  private void changePassword(Context ctx, Principal caller) {
    JsonNode body = Bodies.json(ctx, "current", "password");
    char[] current = Bodies.text(body, "current").toCharArray();
    char[] replacement = Bodies.text(body, "password").toCharArray();
    try {
      Session session =
          application
              .access()
              .changePassword(
                  caller, ctx.ip(), ctx.cookie(ApiServer.SESSION_COOKIE), current, replacement);
      setCookie(ctx, session);
      Map<String, Object> answer = describe(session.principal());
      answer.put("csrfToken", session.csrfToken());
      ctx.result(Json.write(answer));
    } finally {
      Arrays.fill(current, '\0');
      Arrays.fill(replacement, '\0');
    }
  }

  private static void setCookie(Context ctx, Session session) {
    ctx.header(
        "Set-Cookie",
        ApiServer.SESSION_COOKIE
            + "="
            + session.id()
            + "; Path=/; Secure; HttpOnly; SameSite=Strict");
  }

  private void logout(Context ctx, Principal caller) {
    String cookie = ctx.cookie(ApiServer.SESSION_COOKIE);
    application.access().logout(cookie, ctx.ip());
    ctx.header(
        "Set-Cookie",
        ApiServer.SESSION_COOKIE + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict");
    ctx.status(204);
  }

  private void whoAmI(Context ctx, Principal caller) {
    ctx.result(Json.write(describe(caller)));
  }

  static Map<String, Object> describe(Principal who) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("name", who.name());
    answer.put("kind", who.kind().name().toLowerCase(java.util.Locale.ROOT));
    answer.put("user", who.user());
    answer.put("roles", who.roles().stream().map(Role::code).sorted().toList());
    answer.put("clearance", who.clearance().code());
    return answer;
  }
}
