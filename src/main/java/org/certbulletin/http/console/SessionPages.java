package org.certbulletin.http.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.http.HttpRefusal;
import org.certbulletin.http.SignInLimits;
import org.certbulletin.service.Application;
import org.certbulletin.service.ServiceFailure;
import org.certbulletin.service.Session;

/**
 * Signing in and out, a person's own password, and the console's language. The session is the API's
 * ({@code POST /api/session}): the same cookie, the same limits on tries.
 */
final class SessionPages {

  private final Application services;
  private final ConsoleDoor door;
  private final SignInLimits limits;

  SessionPages(Application services, ConsoleDoor door, SignInLimits limits) {
    this.services = services;
    this.door = door;
    this.limits = limits;
  }

  void install(JavalinConfig config) {
    door.open(config, HandlerType.GET, "/console/sign-in", "login", this::signInForm);
    door.open(config, HandlerType.POST, "/console/sign-in", "login", this::signIn);
    door.open(config, HandlerType.GET, "/console/language", "language", this::language);
    door.page(
        config,
        HandlerType.POST,
        "/console/sign-out",
        "logout",
        Optional.empty(),
        ConsoleDoor.Audit.BY_SERVICE,
        this::signOut);
    door.page(
        config,
        HandlerType.GET,
        "/console/password",
        "changePassword",
        Optional.empty(),
        ConsoleDoor.Audit.NONE,
        (ctx, visit) -> passwordForm(ctx, visit, 200, ""));
    door.page(
        config,
        HandlerType.POST,
        "/console/password",
        "changePassword",
        Optional.empty(),
        ConsoleDoor.Audit.BY_SERVICE,
        this::changePassword);
  }

  private void signInForm(Context ctx, Visit visit) {
    if (visit.session().isPresent()) {
      ctx.redirect(next(ctx.queryParam("next")), HttpStatus.SEE_OTHER);
      return;
    }
    signInForm(ctx, visit, 200, "", "");
  }

  private void signInForm(Context ctx, Visit visit, int status, String name, String problem) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put(
        "next",
        next(ctx.queryParam("next") == null ? ctx.formParam("next") : ctx.queryParam("next")));
    model.put("name", name);
    model.put("problem", problem);
    door.views().render(ctx, visit, status, "sign-in.ftlh", model);
  }

  @SuppressWarnings("try") // the permit is held while the password is checked
  private void signIn(Context ctx, Visit visit) throws InterruptedException {
    String name = ConsoleDoor.field(ctx, "name").strip();
    char[] password = ConsoleDoor.field(ctx, "password").toCharArray();
    try (SignInLimits.Permit permit = limits.admit(ctx.ip())) {
      Optional<Session> session =
          services
              .access()
              .login(
                  name,
                  password,
                  ctx.ip(),
                  Optional.ofNullable(ctx.cookie(ConsoleDoor.SESSION_COOKIE)));
      if (session.isEmpty()) {
        signInForm(ctx, visit, 401, name, door.views().word(visit.language(), "signIn.refused"));
        return;
      }
      setCookie(ctx, session.get());
      ctx.redirect(next(ctx.formParam("next")), HttpStatus.SEE_OTHER);
    } catch (HttpRefusal e) {
      signInForm(ctx, visit, e.status(), name, e.getMessage());
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** Where to go after signing in: a page of the console, never another site. */
  static String next(String asked) {
    if (asked == null
        || !asked.startsWith("/console")
        || asked.startsWith("//")
        || asked.contains("\\")
        || asked.startsWith("/console/sign-in")) {
      return "/console/";
    }
    return asked;
  }

  static void setCookie(Context ctx, Session session) {
    ctx.header(
        "Set-Cookie",
        ConsoleDoor.SESSION_COOKIE
            + "="
            + session.id()
            + "; Path=/; Secure; HttpOnly; SameSite=Strict");
  }

  private void signOut(Context ctx, Visit visit) {
    services.access().logout(ctx.cookie(ConsoleDoor.SESSION_COOKIE), ctx.ip());
    ctx.header(
        "Set-Cookie",
        ConsoleDoor.SESSION_COOKIE + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict");
    ctx.redirect("/console/sign-in?bye", HttpStatus.SEE_OTHER);
  }

  private void passwordForm(Context ctx, Visit visit, int status, String problem) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("problem", problem);
    model.put("done", ctx.queryParam("done") != null);
    door.views().render(ctx, visit, status, "password.ftlh", model);
  }

  private void changePassword(Context ctx, Visit visit) {
    char[] current = ConsoleDoor.field(ctx, "current").toCharArray();
    char[] replacement = ConsoleDoor.field(ctx, "password").toCharArray();
    String repeated = ConsoleDoor.field(ctx, "repeat");
    try {
      if (!repeated.equals(new String(replacement))) {
        ConsoleDoor.refused(ctx, "the two new passwords differ");
        passwordForm(ctx, visit, 400, door.views().word(visit.language(), "password.mismatch"));
        return;
      }
      Session session =
          services
              .access()
              .changePassword(
                  visit.who(),
                  ctx.ip(),
                  ctx.cookie(ConsoleDoor.SESSION_COOKIE),
                  current,
                  replacement);
      setCookie(ctx, session);
      ctx.redirect("/console/password?done", HttpStatus.SEE_OTHER);
    } catch (ServiceFailure.BadInput | ServiceFailure.Forbidden e) {
      passwordForm(ctx, visit, ConsoleDoor.status(e), e.getMessage());
    } finally {
      Arrays.fill(current, '\0');
      Arrays.fill(replacement, '\0');
    }
  }

  /** {@code ?to=zh-CN&back=/console/...}: the console's language from now on (a cookie). */
  private void language(Context ctx, Visit visit) {
    UiLanguage chosen = UiLanguage.of(ctx.queryParam("to")).orElse(visit.language());
    ctx.header(
        "Set-Cookie",
        UiLanguage.COOKIE + "=" + chosen.tag() + "; Path=/console; Max-Age=31536000; SameSite=Lax");
    ctx.redirect(next(ctx.queryParam("back")), HttpStatus.SEE_OTHER);
  }
}
