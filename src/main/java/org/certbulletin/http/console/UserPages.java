package org.certbulletin.http.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.service.AccessService;
import org.certbulletin.service.ApiToken;
import org.certbulletin.service.Application;
import org.certbulletin.service.IssuedToken;
import org.certbulletin.service.ServiceFailure;
import org.certbulletin.service.UserAccount;

/**
 * Users and API tokens, for admins, with the access service's calls the API's {@code createUser},
 * {@code updateUser}, {@code resetPassword}, {@code createToken} and {@code revokeToken} make, so
 * the audit log reads the same: the service checks the role and writes the lines. Passwords are
 * typed twice, wiped once used and never shown; a token's secret is shown once, on the page that
 * made it.
 */
final class UserPages {

  /** What a change just done says, after its redirect. */
  private static final Set<String> DONE =
      Set.of(
          "userCreated",
          "userUpdated",
          "userDisabled",
          "userEnabled",
          "passwordReset",
          "tokenRevoked");

  private final Application services;
  private final ConsoleDoor door;

  UserPages(Application services, ConsoleDoor door) {
    this.services = services;
    this.door = door;
  }

  void install(JavalinConfig config) {
    Optional<Role> byService = Optional.empty(); // the access service checks the admin role
    ConsoleDoor.Audit audit = ConsoleDoor.Audit.BY_SERVICE;
    door.page(
        config,
        HandlerType.GET,
        "/console/users",
        "listUsers",
        byService,
        audit,
        (ctx, visit) -> list(ctx, visit, 200, Map.of()));
    door.page(
        config, HandlerType.POST, "/console/users", "createUser", byService, audit, this::add);
    door.page(
        config,
        HandlerType.GET,
        "/console/users/{name}",
        "listUsers",
        byService,
        audit,
        (ctx, visit) -> user(ctx, visit, 200, Map.of()));
    door.page(
        config,
        HandlerType.POST,
        "/console/users/{name}",
        "updateUser",
        byService,
        audit,
        this::update);
    door.page(
        config,
        HandlerType.POST,
        "/console/users/{name}/state",
        "updateUser",
        byService,
        audit,
        this::enableOrDisable);
    door.page(
        config,
        HandlerType.POST,
        "/console/users/{name}/password",
        "resetPassword",
        byService,
        audit,
        this::reset);
    door.page(
        config, HandlerType.POST, "/console/tokens", "createToken", byService, audit, this::issue);
    door.page(
        config,
        HandlerType.POST,
        "/console/tokens/{name}/revocation",
        "revokeToken",
        byService,
        audit,
        this::revoke);
  }

  // the lists

  private void list(Context ctx, Visit visit, int status, Map<String, Object> outcome) {
    List<UserAccount> accounts = services.access().listUsers(visit.who(), visit.from());
    Instant now = services.clock().instant();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", "");
    model.put("chosenRoles", List.of());
    model.put("clearanceChosen", Tlp.CLEAR.code());
    model.put("tokenName", "");
    model.put("tokenUser", "");
    model.put("days", "");
    model.putAll(outcome);
    model.put("users", accounts.stream().map(u -> describe(u, now)).toList());
    model.put(
        "tokens",
        services.access().listTokens(visit.who(), visit.from()).stream()
            .map(t -> describe(t, now))
            .toList());
    model.put("allRoles", Arrays.stream(Role.values()).map(Role::code).toList());
    model.put("labels", labels());
    model.put("minLength", AccessService.MIN_PASSWORD_LENGTH);
    model.put("done", done(ctx));
    if (outcome.containsKey("issued")) {
      ctx.header("Cache-Control", "no-store");
    }
    door.views().render(ctx, visit, status, "users.ftlh", model);
  }

  private void user(Context ctx, Visit visit, int status, Map<String, Object> outcome) {
    String name = ctx.pathParam("name");
    Instant now = services.clock().instant();
    UserAccount account =
        services.access().listUsers(visit.who(), visit.from()).stream()
            .filter(u -> u.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new ServiceFailure.NotFound("no user " + name));
    Map<String, Object> model = new LinkedHashMap<>(outcome);
    model.put("user", describe(account, now));
    model.put("allRoles", Arrays.stream(Role.values()).map(Role::code).toList());
    model.put("labels", labels());
    model.put("minLength", AccessService.MIN_PASSWORD_LENGTH);
    model.put("done", done(ctx));
    model.put(
        "tokens",
        services.access().listTokens(visit.who(), visit.from()).stream()
            .filter(t -> t.user().equals(name))
            .map(t -> describe(t, now))
            .toList());
    door.views().render(ctx, visit, status, "user.ftlh", model);
  }

  private static String done(Context ctx) {
    String done = ctx.queryParam("done");
    return done != null && DONE.contains(done) ? done : "";
  }

  private static List<Map<String, String>> labels() {
    return Arrays.stream(Tlp.values())
        .map(t -> Map.of("code", t.code(), "label", t.label()))
        .toList();
  }

  private static Map<String, Object> describe(UserAccount user, Instant now) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", user.name());
    row.put("roles", user.roles().stream().map(Role::code).sorted().toList());
    row.put("clearance", user.clearance().code());
    row.put("clearanceLabel", user.clearance().label());
    row.put("disabled", user.disabled());
    row.put("locked", user.locked(now));
    row.put("lockedUntil", user.lockedUntil().map(UserPages::when).orElse(""));
    row.put("created", when(user.created()));
    row.put("updated", when(user.updated()));
    return row;
  }

  private static Map<String, Object> describe(ApiToken token, Instant now) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", token.name());
    row.put("user", token.user());
    row.put("created", when(token.created()));
    row.put("expires", token.expires().map(UserPages::when).orElse(""));
    row.put("lastUsed", token.lastUsed().map(UserPages::when).orElse(""));
    row.put(
        "state",
        token.revoked().isPresent() ? "revoked" : token.active(now) ? "active" : "expired");
    return row;
  }

  /** An instant as people read it: {@code 2024-12-16 09:30 UTC}. */
  static String when(Instant at) {
    return at.toString().replace('T', ' ').replaceFirst(":\\d\\d(\\.\\d+)?Z$", " UTC");
  }

  // users

  private void add(Context ctx, Visit visit) {
    String name = field(ctx, "name");
    String clearanceCode = field(ctx, "clearance");
    Map<String, Object> asked = new LinkedHashMap<>();
    asked.put("name", name);
    asked.put("chosenRoles", ctx.formParams("roles"));
    asked.put("clearanceChosen", clearanceCode);
    char[] password = field(ctx, "password").toCharArray();
    try {
      Set<Role> roles = roles(ctx, visit, "createUser", "");
      if (!Arrays.equals(password, field(ctx, "repeat").toCharArray())) {
        refuse(visit, "createUser", "", "password.mismatch");
      }
      services
          .access()
          .addUser(
              visit.who(),
              visit.from(),
              name,
              roles,
              clearance(clearanceCode, visit, "createUser", ""),
              password);
      redirect(ctx, "/console/users", "userCreated");
    } catch (FormRefusal e) {
      asked.put("problem", door.shown(e.getMessage()));
      list(ctx, visit, 400, asked);
    } catch (ServiceFailure.BadInput | ServiceFailure.Conflict e) {
      refusedByService(visit, "createUser", "", e);
      asked.put("problem", door.shown(e.getMessage()));
      list(ctx, visit, ConsoleDoor.status(e), asked);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private void update(Context ctx, Visit visit) {
    String name = ctx.pathParam("name");
    try {
      services
          .access()
          .updateUser(
              visit.who(),
              visit.from(),
              name,
              Optional.of(roles(ctx, visit, "updateUser", name)),
              Optional.of(clearance(field(ctx, "clearance"), visit, "updateUser", name)),
              Optional.empty());
      redirect(ctx, "/console/users/" + encode(name), "userUpdated");
    } catch (FormRefusal e) {
      user(ctx, visit, 400, Map.of("problem", door.shown(e.getMessage())));
    } catch (ServiceFailure.BadInput e) {
      refusedByService(visit, "updateUser", name, e);
      user(ctx, visit, 400, Map.of("problem", door.shown(e.getMessage())));
    }
  }

  private void enableOrDisable(Context ctx, Visit visit) {
    String name = ctx.pathParam("name");
    boolean disable = "true".equals(ctx.formParam("disabled"));
    services
        .access()
        .updateUser(
            visit.who(),
            visit.from(),
            name,
            Optional.empty(),
            Optional.empty(),
            Optional.of(disable));
    redirect(ctx, "/console/users/" + encode(name), disable ? "userDisabled" : "userEnabled");
  }

  private void reset(Context ctx, Visit visit) {
    String name = ctx.pathParam("name");
    char[] password = field(ctx, "password").toCharArray();
    try {
      if (!Arrays.equals(password, field(ctx, "repeat").toCharArray())) {
        refuse(visit, "resetPassword", name, "password.mismatch");
      }
      services.access().resetPassword(visit.who(), visit.from(), name, password);
      redirect(ctx, "/console/users/" + encode(name), "passwordReset");
    } catch (FormRefusal e) {
      user(ctx, visit, 400, Map.of("passwordProblem", e.getMessage()));
    } catch (ServiceFailure.BadInput e) {
      refusedByService(visit, "resetPassword", name, e);
      user(ctx, visit, 400, Map.of("passwordProblem", e.getMessage()));
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  // tokens

  private void issue(Context ctx, Visit visit) {
    String name = field(ctx, "tokenName");
    String user = field(ctx, "tokenUser");
    String days = field(ctx, "days");
    Map<String, Object> asked = new LinkedHashMap<>();
    asked.put("tokenName", name);
    asked.put("tokenUser", user);
    asked.put("days", days);
    try {
      Optional<Duration> validFor = Optional.empty();
      if (!days.isEmpty()) {
        long count;
        try {
          count = Long.parseLong(days);
        } catch (NumberFormatException e) {
          count = -1;
        }
        if (count < 1 || count > AccessService.MAX_TOKEN_LIFETIME.toDays()) {
          refuse(
              visit,
              "createToken",
              "",
              "users.badDays",
              days,
              AccessService.MAX_TOKEN_LIFETIME.toDays());
        }
        validFor = Optional.of(Duration.ofDays(count));
      }
      IssuedToken issued =
          services.access().createToken(visit.who(), visit.from(), name, user, validFor);
      Map<String, Object> shown = new LinkedHashMap<>();
      shown.put("name", issued.token().name());
      shown.put("user", issued.token().user());
      shown.put("expires", issued.token().expires().map(UserPages::when).orElse(""));
      shown.put("secret", issued.secret());
      list(ctx, visit, 201, Map.of("issued", shown));
    } catch (FormRefusal e) {
      asked.put("tokenProblem", e.getMessage());
      list(ctx, visit, 400, asked);
    } catch (ServiceFailure.BadInput | ServiceFailure.Conflict | ServiceFailure.NotFound e) {
      refusedByService(visit, "createToken", "", e);
      asked.put("tokenProblem", e.getMessage());
      list(ctx, visit, ConsoleDoor.status(e), asked);
    }
  }

  private void revoke(Context ctx, Visit visit) {
    String name = ctx.pathParam("name");
    try {
      services.access().revokeToken(visit.who(), visit.from(), name);
      redirect(ctx, "/console/users", "tokenRevoked");
    } catch (ServiceFailure.BadInput | ServiceFailure.NotFound | ServiceFailure.Conflict e) {
      refusedByService(visit, "revokeToken", name, e);
      list(ctx, visit, ConsoleDoor.status(e), Map.of("tokenProblem", e.getMessage()));
    }
  }

  // the form

  private static String field(Context ctx, String name) {
    String value = ctx.formParam(name);
    return value == null ? "" : value.strip();
  }

  /** The roles ticked; one the service does not know is a refusal, audited. */
  private Set<Role> roles(Context ctx, Visit visit, String operation, String target) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String code : ctx.formParams("roles")) {
      try {
        roles.add(Role.fromCode(code));
      } catch (IllegalArgumentException e) {
        audit(visit, operation, target, "roles: " + e.getMessage());
        throw new FormRefusal("roles: " + e.getMessage());
      }
    }
    return roles;
  }

  /** The clearance chosen; a label that is none is a refusal, audited. */
  private Tlp clearance(String code, Visit visit, String operation, String target) {
    try {
      return Tlp.fromCode(code);
    } catch (IllegalArgumentException e) {
      audit(visit, operation, target, "clearance: " + e.getMessage());
      throw new FormRefusal("clearance: " + e.getMessage());
    }
  }

  private static void redirect(Context ctx, String page, String done) {
    ctx.redirect(page + "?done=" + done, HttpStatus.SEE_OTHER);
  }

  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }

  /** Refuses the form before the service sees it, audited as the API's door audits its own. */
  private void refuse(Visit visit, String operation, String target, String key, Object... args) {
    audit(visit, operation, target, door.views().word(UiLanguage.EN, key, args));
    throw new FormRefusal(door.views().word(visit.language(), key, args));
  }

  /**
   * The line the API's door writes when the service refuses the request itself (a name, a password
   * too short): the service writes none for those.
   */
  private void refusedByService(Visit visit, String operation, String target, ServiceFailure e) {
    if (e instanceof ServiceFailure.BadInput bad
        && !bad.problems().isEmpty()
        && bad.problems().stream().allMatch(p -> p.file().equals("request"))) {
      audit(visit, operation, target, e.getMessage());
    }
  }

  private void audit(Visit visit, String operation, String target, String detail) {
    services
        .access()
        .audit(visit.who(), operation, target, visit.from(), AuditEntry.Outcome.REFUSED, detail);
  }
}
