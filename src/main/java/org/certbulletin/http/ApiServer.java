package org.certbulletin.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.certbulletin.http.console.Console;
import org.certbulletin.http.subscribe.Subscribe;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Tlp;
import org.certbulletin.service.AccessService;
import org.certbulletin.service.Application;
import org.certbulletin.service.HttpServing;
import org.certbulletin.service.ServiceFailure;
import org.certbulletin.service.Session;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cert-bulletin serve}: the HTTP API on Javalin (Jetty 12). Every operation of {@link
 * #operations} is documented in {@code /api/openapi.json}; every answer that is not a success is an
 * {@code application/problem+json}; every response carries a strict content security policy and the
 * usual protective headers; request bodies are bounded. State lives in the database and the
 * folders, so several servers on one PostgreSQL can stand behind one load balancer.
 */
public final class ApiServer implements HttpServing.Running {

  /** How {@link Application#http()} finds the server. */
  public static final class Provider implements HttpServing.Provider {
    @Override
    public HttpServing on(Application application) {
      return (listen, keyStore) -> {
        Listen where;
        try {
          where = Listen.parse(listen);
        } catch (IllegalArgumentException e) {
          throw new ServiceFailure.BadInput("--listen: " + e.getMessage(), List.of());
        }
        Optional<Tls> tls = keyStore.map(file -> Tls.of(file, application.environment()));
        try {
          return start(where, application, tls);
        } catch (IllegalStateException e) {
          throw new ServiceFailure.Failed(e.getMessage(), e);
        }
      };
    }
  }

  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  /** The largest request body the server reads: a week file is far smaller. */
  public static final long MAX_BODY = 2L * 1024 * 1024;

  /** Headers every response carries, problems Jetty writes itself included. */
  static final Map<String, String> PROTECTIVE_HEADERS = protectiveHeaderValues();

  static final String SESSION_COOKIE = "cert_bulletin_session";
  static final String CSRF_HEADER = "X-CSRF-Token";

  private final Javalin app;
  private final Listen listen;
  private final boolean secure;

  private ApiServer(Javalin app, Listen listen, boolean secure) {
    this.app = app;
    this.listen = listen;
    this.secure = secure;
  }

  /** Starts the server on plain http. */
  public static ApiServer start(Listen listen, Application services) {
    return start(listen, services, Optional.empty());
  }

  /**
   * Starts the server; it answers once this returns.
   *
   * @throws IllegalStateException if the address cannot be bound (in use, not this machine's)
   */
  public static ApiServer start(Listen listen, Application services, Optional<Tls> tls) {
    SignInLimits limits = new SignInLimits(services.clock());
    List<Operation> operations = operations(services, limits);
    ServerPaths paths = new ServerPaths(services.workspace());
    TrustedProxies proxies = TrustedProxies.of(trustedProxies(services));
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jetty.host = listen.host();
              config.jetty.port = listen.port();
              // what Jetty refuses before any operation sees it is a problem too
              config.jetty.modifyServer(
                  server -> server.setErrorHandler(new ProblemErrorHandler()));
              config.jetty.modifyHttpConfiguration(
                  http -> {
                    http.setSendServerVersion(false);
                    http.setSendXPoweredBy(false);
                    http.setRequestHeaderSize(16 * 1024);
                    http.addCustomizer(proxies);
                  });
              config.jetty.modifyServer(server -> server.setStopTimeout(10_000));
              tls.ifPresent(
                  keys ->
                      config.jetty.addConnector(
                          (server, http) -> keys.connector(server, http, listen)));
              config.http.maxRequestSize = MAX_BODY;
              config.http.prefer405over404 = true;
              config.http.defaultContentType = "application/json";
              config.router.ignoreTrailingSlashes = false;
              config.routes.before(ApiServer::protectiveHeaders);
              for (Operation operation : operations) {
                config.routes.addHttpHandler(
                    operation.method(), operation.path(), ctx -> run(operation, services, ctx));
              }
              Console.install(config, services, limits);
              Subscribe.install(config, services);
              config.routes.exception(HttpRefusal.class, ApiServer::refused);
              config.routes.exception(ServiceFailure.class, (e, ctx) -> failed(e, ctx, paths));
              config.routes.exception(HttpResponseException.class, ApiServer::javalinRefused);
              config.routes.exception(Exception.class, ApiServer::unexpected);
              config.routes.error(404, ApiServer::noSuchOperation);
              config.routes.error(405, ApiServer::noSuchOperation);
            });
    try {
      app.start();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot listen on " + listen.authority(listen.port()) + ": " + rootMessage(e), e);
    }
    return new ApiServer(app, listen, tls.isPresent());
  }

  /** The port it listens on (the one picked, when asked for port 0). */
  public int port() {
    return app.port();
  }

  /** {@code http://127.0.0.1:8080}. */
  @Override
  public String address() {
    return (secure ? "https://" : "http://") + listen.authority(port());
  }

  /** Stops taking requests and lets those under way finish (up to 10 s). */
  @Override
  public void close() {
    app.stop();
  }

  /** Every operation, as {@code /api/openapi.json} documents them. */
  /**
   * The proxies {@code config.json} trusts; none while it cannot be read (the server still answers,
   * and {@code validateWeek} says what is wrong with it).
   */
  private static List<String> trustedProxies(Application services) {
    try {
      return services.bulletins(Principal.system("http"), "local").httpTrustedProxies();
    } catch (ServiceFailure.BadInput e) {
      log.warn("config.json cannot be read, so no reverse proxy is trusted: {}", e.getMessage());
      return List.of();
    }
  }

  static List<Operation> operations(Application services) {
    return operations(services, new SignInLimits(services.clock()));
  }

  private static List<Operation> operations(Application services, SignInLimits limits) {
    List<Operation> all = new ArrayList<>();
    all.add(
        new Operation(
            HandlerType.GET,
            "/api/openapi.json",
            "getOpenApi",
            Optional.empty(),
            true,
            Operation.Audit.NONE,
            (ctx, caller) -> ctx.contentType("application/json").result(openApiDocument())));
    all.addAll(new SessionOperations(services, limits).operations());
    all.addAll(new WeekOperations(services).operations());
    all.addAll(new ReviewOperations(services).operations());
    all.addAll(new ImportOperations(services).operations());
    all.addAll(new OperatorOperations(services).operations());
    all.addAll(new AccessOperations(services).operations());
    all.addAll(new UserOperations(services).operations());
    all.addAll(new SubscriberOperations(services).operations());
    return all;
  }

  private static byte[] openApiDocument() {
    try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs one operation: authenticates (a token, else a session with its CSRF token for a change),
   * authorises by role, calls it, and writes the audit line (every change, every refusal).
   */
  private static void run(Operation operation, Application services, Context ctx) throws Exception {
    Principal caller = null;
    AuditEntry.Outcome outcome = AuditEntry.Outcome.FAILED;
    String detail = "";
    boolean auditedElsewhere = false;
    try {
      if (!operation.open()) {
        caller = authenticate(ctx, services.access());
        if (operation.role().isPresent() && !caller.has(operation.role().get())) {
          throw new ServiceFailure.Forbidden(
              operation.id()
                  + " needs the role "
                  + operation.role().get().code()
                  + "; you have "
                  + (caller.roles().isEmpty()
                      ? "none"
                      : String.join(
                          ", ", caller.roles().stream().map(r -> r.code()).sorted().toList())));
        }
      }
      auditedElsewhere = operation.audit() == Operation.Audit.BY_SERVICE;
      operation.handler().handle(ctx, caller);
      outcome = AuditEntry.Outcome.OK;
    } catch (HttpRefusal e) {
      outcome = AuditEntry.Outcome.REFUSED;
      detail = e.getMessage();
      // the door refused it before any service saw it, so the door writes the line; except a token
      // the access service did not know (in the log already as token:?) and a sign-in the access
      // service refused (in the log with its reason)
      auditedElsewhere =
          e.status() == 401 && (auditedElsewhere || ctx.header("Authorization") != null);
      throw e;
    } catch (ServiceFailure.Failed e) {
      detail = e.getMessage();
      throw e;
    } catch (ServiceFailure e) {
      outcome = AuditEntry.Outcome.REFUSED;
      detail = e.getMessage();
      // a request body or name the access service refused as malformed is in no line yet
      auditedElsewhere &= !aboutTheRequest(e);
      throw e;
    } catch (Exception e) {
      Optional<HttpRefusal> unreadable = unreadableBody(e);
      if (unreadable.isPresent()) {
        outcome = AuditEntry.Outcome.REFUSED;
        detail = unreadable.get().getMessage();
        throw unreadable.get();
      }
      detail = e.getClass().getSimpleName();
      throw e;
    } finally {
      boolean worthALine =
          operation.audit() != Operation.Audit.NONE || outcome != AuditEntry.Outcome.OK;
      if (worthALine && !auditedElsewhere) {
        try {
          services
              .access()
              .audit(
                  caller == null ? anonymous() : caller,
                  operation.id(),
                  target(ctx),
                  ctx.ip(),
                  outcome,
                  detail);
        } catch (RuntimeException e) {
          log.error("cannot write the audit line of {} {}", operation.id(), ctx.path(), e);
        }
      }
    }
  }

  /** Bad input about the request itself (its body, a name in it), not about data of the service. */
  private static boolean aboutTheRequest(ServiceFailure e) {
    return e instanceof ServiceFailure.BadInput bad
        && !bad.problems().isEmpty()
        && bad.problems().stream().allMatch(p -> p.file().equals(Bodies.SOURCE));
  }

  private static Principal anonymous() {
    return new Principal(Principal.Kind.USER, "anonymous", "anonymous", Set.of(), Tlp.CLEAR);
  }

  /** The week (or other object) an operation is about, for the audit log. */
  private static String target(Context ctx) {
    Map<String, String> params = ctx.pathParamMap();
    return params.isEmpty() ? "" : String.join(" ", params.values());
  }

  private static Principal authenticate(Context ctx, AccessService access) {
    String authorization = ctx.header("Authorization");
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw HttpRefusal.unauthenticated(
            "the Authorization header must be 'Bearer <token>'; make a token with"
                + " 'cert-bulletin token create'");
      }
      return access
          .authenticateToken(authorization.substring(7).strip(), ctx.ip())
          .orElseThrow(
              () ->
                  HttpRefusal.unauthenticated(
                      "the token is not valid (unknown, expired or revoked)"));
    }
    String cookie = ctx.cookie(SESSION_COOKIE);
    if (cookie == null) {
      throw HttpRefusal.unauthenticated(
          "sign in (POST /api/session) or send an API token as 'Authorization: Bearer <token>'");
    }
    Session session =
        access
            .session(cookie)
            .orElseThrow(() -> HttpRefusal.unauthenticated("the session has ended; sign in again"));
    if (changes(ctx.method()) && !session.csrfMatches(ctx.header(CSRF_HEADER))) {
      throw new ServiceFailure.Forbidden(
          "a change made with a session cookie must carry the session's CSRF token in "
              + CSRF_HEADER);
    }
    return session.principal();
  }

  private static boolean changes(HandlerType method) {
    return !(method.equals(HandlerType.GET)
        || method.equals(HandlerType.HEAD)
        || method.equals(HandlerType.OPTIONS));
  }

  private static Map<String, String> protectiveHeaderValues() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        "Content-Security-Policy",
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Referrer-Policy", "no-referrer");
    headers.put("Cross-Origin-Resource-Policy", "same-origin");
    headers.put("Cross-Origin-Opener-Policy", "same-origin");
    headers.put("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    headers.put("Cache-Control", "no-store");
    return Collections.unmodifiableMap(headers);
  }

  private static void protectiveHeaders(Context ctx) {
    PROTECTIVE_HEADERS.forEach(ctx::header);
    if ("https".equals(ctx.scheme())) {
      ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
  }

  /**
   * The refusal of a request whose body could not be read: it ended before the length it announced,
   * or its chunks were malformed. The client's fault, not the server's: a 400.
   */
  private static Optional<HttpRefusal> unreadableBody(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof EofException || cause instanceof HttpException) {
        return Optional.of(
            HttpRefusal.badRequest(
                "the request body ended before the length it announced, or its chunks are"
                    + " malformed; send it whole"));
      }
    }
    return Optional.empty();
  }

  private static void refused(HttpRefusal e, Context ctx) {
    if (e.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"cert-bulletin\"");
    }
    if (e.status() == 429 || e.status() == 503) {
      ctx.header("Retry-After", e.status() == 429 ? "60" : "5");
    }
    ProblemResponse.send(ctx, e.status(), e.type(), e.title(), e.getMessage());
  }

  /** A failure of the service as a problem; the server's folders are named, not located. */
  private static void failed(ServiceFailure e, Context ctx, ServerPaths paths) {
    String detail = paths.shown(String.valueOf(e.getMessage()));
    if (e instanceof ServiceFailure.BadInput bad) {
      ProblemResponse.send(
          ctx, 400, "bad-input", "Bad input", detail, paths.shown(bad.problems()), Map.of());
    } else if (e instanceof ServiceFailure.NotFound) {
      ProblemResponse.send(ctx, 404, "not-found", "Not found", detail);
    } else if (e instanceof ServiceFailure.Forbidden) {
      ProblemResponse.send(ctx, 403, "forbidden", "Forbidden", detail);
    } else if (e instanceof ServiceFailure.Conflict conflict
        && conflict.kind() != ServiceFailure.Conflict.Kind.CHANGED) {
      ProblemResponse.send(ctx, 409, "conflict", "Conflict", detail);
    } else if (e instanceof ServiceFailure.Conflict) {
      ProblemResponse.send(ctx, 412, "precondition-failed", "Precondition failed", detail);
    } else if (e instanceof ServiceFailure.Busy) {
      ctx.header("Retry-After", "5");
      ProblemResponse.send(ctx, 503, "busy", "Busy", detail);
    } else {
      unexpected(e, ctx);
    }
  }

  private static void javalinRefused(HttpResponseException e, Context ctx) {
    int status = e.getStatus();
    if (status == 404 || status == 405) {
      ctx.status(status);
      noSuchOperation(ctx);
      return;
    }
    String detail =
        status == 413
            ? "the request body is larger than " + MAX_BODY + " bytes"
            : e.getMessage() == null ? "" : e.getMessage();
    ProblemResponse.send(
        ctx,
        status,
        "http-" + status,
        io.javalin.http.HttpStatus.forStatus(status).getMessage(),
        detail);
  }

  /** A failure the caller cannot fix: its id is in the log, with the cause; nothing else leaks. */
  private static void unexpected(Exception e, Context ctx) {
    String id = UUID.randomUUID().toString();
    log.error("request {} {} failed (problem id {})", ctx.method(), ctx.path(), id, e);
    ProblemResponse.send(
        ctx,
        500,
        "internal",
        "Internal error",
        "the server failed to answer; tell its operator the problem id " + id,
        List.of(),
        Map.of("id", id));
  }

  private static void noSuchOperation(Context ctx) {
    String type = ctx.res().getContentType();
    if (type != null
        && (type.startsWith(ProblemResponse.MEDIA_TYPE) || type.startsWith("text/html"))) {
      return; // a problem written already, or a page of the console that says what is missing
    }
    int status = ctx.statusCode();
    ProblemResponse.send(
        ctx,
        status,
        status == 405 ? "method-not-allowed" : "no-such-operation",
        status == 405 ? "Method not allowed" : "Not found",
        "no operation "
            + ctx.method()
            + " "
            + ctx.path()
            + (status == 405 ? " (other methods exist there)" : "")
            + "; the operations are listed in /api/openapi.json");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage()).toLowerCase(Locale.ROOT).isEmpty()
        ? root.getClass().getSimpleName()
        : root.getMessage();
  }
}
