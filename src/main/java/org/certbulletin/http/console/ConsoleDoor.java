package org.certbulletin.http.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.http.HttpRefusal;
import org.certbulletin.http.ServerPaths;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Problem;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.service.Application;
import org.certbulletin.service.ServiceFailure;
import org.certbulletin.service.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's door, as the API's is for operations: every page but the sign-in needs a session (a
 * page asked for without one leads to the sign-in, and back after it); every form carries the
 * session's CSRF token; each page needs its role; every change and every refusal is written to the
 * audit log under the API's operation names, so the log reads the same whichever door was used. A
 * failure is a page in the reader's language with what to do, never a stack trace.
 */
final class ConsoleDoor {

  private static final Logger log = LoggerFactory.getLogger(ConsoleDoor.class);

  /** The console's strict policy: its own script and style only, no inline code of any kind. */
  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'none';"
          + " base-uri 'none'";

  static final String SESSION_COOKIE = "cert_bulletin_session";

  /** The request attribute a page sets when it refused the request on the page it shows. */
  private static final String REFUSED = "cert-bulletin.console.refused";

  static final String CSRF_FIELD = "csrf";

  /** Who writes the audit line of a request that succeeds. */
  enum Audit {
    NONE,
    BY_DOOR,
    BY_SERVICE
  }

  /** What a page does, for a visit already authenticated and authorised. */
  @FunctionalInterface
  interface Page {
    void handle(Context ctx, Visit visit) throws Exception;
  }

  private final Application services;
  private final Views views;
  private final ServerPaths paths;

  ConsoleDoor(Application services, Views views) {
    this.services = services;
    this.views = views;
    this.paths = new ServerPaths(services.workspace());
  }

  /**
   * {@code text} with the server's folders by their names ({@code data/weeks/...}), not located.
   */
  String shown(String text) {
    return paths.shown(text);
  }

  /** {@code problems} with the server's folders by their names. */
  List<Problem> shown(List<Problem> problems) {
    return paths.shown(problems);
  }

  Views views() {
    return views;
  }

  /** A page anyone may open (the sign-in). */
  void open(JavalinConfig config, HandlerType method, String path, String id, Page page) {
    config.routes.addHttpHandler(
        method, path, ctx -> run(ctx, id, Optional.empty(), Audit.BY_SERVICE, true, page));
  }

  /** A page for people signed in, with {@code role} if present. */
  void page(
      JavalinConfig config,
      HandlerType method,
      String path,
      String id,
      Optional<Role> role,
      Audit audit,
      Page page) {
    config.routes.addHttpHandler(method, path, ctx -> run(ctx, id, role, audit, false, page));
  }

  private void run(
      Context ctx, String id, Optional<Role> role, Audit audit, boolean open, Page page) {
    ctx.header("Content-Security-Policy", POLICY);
    UiLanguage language = UiLanguage.of(ctx);
    Optional<Session> session =
        Optional.ofNullable(ctx.cookie(SESSION_COOKIE)).flatMap(services.access()::session);
    Visit visit = new Visit(session, language, ctx.ip());
    boolean changes = !ctx.method().equals(HandlerType.GET);
    AuditEntry.Outcome outcome = AuditEntry.Outcome.FAILED;
    String detail = "";
    boolean auditedElsewhere = false;
    try {
      if (!open) {
        if (session.isEmpty()) {
          if (!changes) {
            // a page asked for before signing in: the way to the sign-in, not a refusal to log
            outcome = AuditEntry.Outcome.OK;
            auditedElsewhere = true;
            ctx.redirect(
                "/console/sign-in?next=" + URLEncoder.encode(here(ctx), StandardCharsets.UTF_8),
                io.javalin.http.HttpStatus.SEE_OTHER);
            return;
          }
          auditedElsewhere = true; // nobody to attribute it to, and nothing was done
          throw new Refusal(401, views.word(language, "error.session"));
        }
        if (changes && !session.get().csrfMatches(ctx.formParam(CSRF_FIELD))) {
          throw new Refusal(403, views.word(language, "error.csrf"));
        }
        if (role.isPresent() && !session.get().principal().has(role.get())) {
          throw new Refusal(403, views.word(language, "error.role", role.get().code()));
        }
      }
      if (changes && "cross-site".equals(ctx.header("Sec-Fetch-Site"))) {
        // a form another site made the browser send (a sign-in included): no change comes that way
        throw new Refusal(403, views.word(language, "error.csrf"));
      }
      auditedElsewhere = audit == Audit.BY_SERVICE;
      page.handle(ctx, visit);
      outcome = AuditEntry.Outcome.OK;
      String refusal = ctx.attribute(REFUSED);
      if (refusal != null) {
        // the page refused the request itself and said so on the page: a refusal, for the log too
        outcome = AuditEntry.Outcome.REFUSED;
        detail = refusal;
        auditedElsewhere = false;
      }
    } catch (Refusal e) {
      outcome = AuditEntry.Outcome.REFUSED;
      detail = e.getMessage();
      auditedElsewhere &= e.status == 401;
      error(ctx, visit, e.status, e.getMessage(), List.of());
    } catch (HttpRefusal e) {
      outcome = AuditEntry.Outcome.REFUSED;
      detail = e.getMessage();
      error(ctx, visit, e.status(), e.getMessage(), List.of());
    } catch (ServiceFailure.Failed e) {
      detail = e.getMessage();
      log.error("console {} {} failed", id, ctx.path(), e);
      error(ctx, visit, 500, views.word(language, "error.failed", e.getMessage()), List.of());
    } catch (ServiceFailure e) {
      outcome = AuditEntry.Outcome.REFUSED;
      detail = e.getMessage();
      List<Problem> problems =
          e instanceof ServiceFailure.BadInput bad ? bad.problems() : List.of();
      error(ctx, visit, status(e), e.getMessage(), problems);
    } catch (Exception e) {
      detail = e.getClass().getSimpleName();
      log.error("console {} {} failed", id, ctx.path(), e);
      error(ctx, visit, 500, views.word(language, "error.unexpected"), List.of());
    } finally {
      boolean worthALine = audit != Audit.NONE || outcome != AuditEntry.Outcome.OK;
      if (worthALine && !auditedElsewhere) {
        try {
          services
              .access()
              .audit(
                  session.map(Session::principal).orElseGet(ConsoleDoor::anonymous),
                  id,
                  target(ctx),
                  ctx.ip(),
                  outcome,
                  detail);
        } catch (RuntimeException e) {
          log.error("cannot write the audit line of {} {}", id, ctx.path(), e);
        }
      }
    }
  }

  /**
   * Says that the page refuses the request (a form the service did not take, a save over a newer
   * one) though it answers with the page itself: the door writes the refusal to the audit log, as
   * the API's door does, unless the service wrote it already.
   */
  static void refused(Context ctx, String detail) {
    ctx.attribute(REFUSED, detail);
  }

  /** The form field {@code name} as sent; empty when the form has none. */
  static String field(Context ctx, String name) {
    String value = ctx.formParam(name);
    return value == null ? "" : value;
  }

  /** The audit log's target: the week first, then the other parts of the path. */
  private static String target(Context ctx) {
    Map<String, String> params = new LinkedHashMap<>(ctx.pathParamMap());
    String week = params.remove("week");
    List<String> parts = new java.util.ArrayList<>();
    if (week != null) {
      parts.add(week);
    }
    parts.addAll(params.values());
    return String.join(" ", parts);
  }

  private static String here(Context ctx) {
    return ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
  }

  static int status(ServiceFailure e) {
    if (e instanceof ServiceFailure.BadInput) {
      return 400;
    } else if (e instanceof ServiceFailure.NotFound) {
      return 404;
    } else if (e instanceof ServiceFailure.Forbidden) {
      return 403;
    } else if (e instanceof ServiceFailure.Conflict conflict) {
      return conflict.kind() == ServiceFailure.Conflict.Kind.CHANGED ? 412 : 409;
    } else if (e instanceof ServiceFailure.Busy) {
      return 503;
    }
    return 500;
  }

  private void error(Context ctx, Visit visit, int status, String message, List<Problem> problems) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("status", status);
    model.put("message", paths.shown(message));
    model.put("problems", paths.shown(problems).stream().map(Problem::toString).toList());
    views.render(ctx, visit, status, "error.ftlh", model);
  }

  private static Principal anonymous() {
    return new Principal(Principal.Kind.USER, "anonymous", "anonymous", Set.of(), Tlp.CLEAR);
  }

  /** A refusal of the door itself: no session, no CSRF token, no role. */
  static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    Refusal(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
