package org.certbulletin.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.service.Application;
import org.certbulletin.service.UserAccount;
import tools.jackson.databind.JsonNode;

/**
 * The people who sign in, as {@code cert-bulletin user} manages them, for admins. The access
 * service checks the role and writes the audit lines; passwords come in the body, are wiped once
 * hashed, and are never in an answer or a log.
 */
final class UserOperations {

  private final Application application;

  UserOperations(Application application) {
    this.application = application;
  }

  List<Operation> operations() {
    return List.of(
        new Operation(
            HandlerType.GET,
            "/api/users",
            "listUsers",
            Optional.empty(),
            false,
            Operation.Audit.BY_SERVICE,
            this::list),
        new Operation(
            HandlerType.POST,
            "/api/users",
            "createUser",
            Optional.empty(),
            false,
            Operation.Audit.BY_SERVICE,
            this::create),
        new Operation(
            HandlerType.PATCH,
            "/api/users/{name}",
            "updateUser",
            Optional.empty(),
            false,
            Operation.Audit.BY_SERVICE,
            this::update),
        new Operation(
            HandlerType.POST,
            "/api/users/{name}/password",
            "resetPassword",
            Optional.empty(),
            false,
            Operation.Audit.BY_SERVICE,
            this::reset));
  }

  private void list(Context ctx, Principal caller) {
    List<Map<String, Object>> users =
        application.access().listUsers(caller, ctx.ip()).stream()
            .map(UserOperations::describe)
            .toList();
    ctx.result(Json.write(Map.of("users", users)));
  }

  /** {@code {"name", "roles": [...], "clearance": "AMBER", "password"}}, as {@code user add}. */
  private void create(Context ctx, Principal caller) {
    JsonNode body = Bodies.json(ctx, "name", "roles", "clearance", "password");
    String name = Bodies.text(body, "name");
    Set<Role> roles = roles(body).orElseThrow(() -> Bodies.wrong("roles", "a list of roles"));
    Tlp clearance = clearance(body).orElse(Tlp.CLEAR);
    char[] password = Bodies.text(body, "password").toCharArray();
    try {
      UserAccount added =
          application.access().addUser(caller, ctx.ip(), name, roles, clearance, password);
      ctx.status(201).header("Location", "/api/users/" + name).result(Json.write(describe(added)));
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * {@code {"roles": [...], "clearance": "GREEN", "disabled": true}}, each optional: what is given
   * changes, as {@code user disable} and {@code user enable} do for {@code disabled}.
   */
  private void update(Context ctx, Principal caller) {
    JsonNode body = Bodies.json(ctx, "roles", "clearance", "disabled");
    Optional<Boolean> disabled = Optional.empty();
    JsonNode flag = body.get("disabled");
    if (flag != null) {
      if (!flag.isBoolean()) {
        throw Bodies.wrong("disabled", "true or false is required");
      }
      disabled = Optional.of(flag.asBoolean());
    }
    UserAccount updated =
        application
            .access()
            .updateUser(
                caller, ctx.ip(), ctx.pathParam("name"), roles(body), clearance(body), disabled);
    ctx.result(Json.write(describe(updated)));
  }

  /** {@code {"password"}}, as {@code user reset}: the user's sessions end, a lockout is lifted. */
  private void reset(Context ctx, Principal caller) {
    JsonNode body = Bodies.json(ctx, "password");
    char[] password = Bodies.text(body, "password").toCharArray();
    try {
      UserAccount user =
          application.access().resetPassword(caller, ctx.ip(), ctx.pathParam("name"), password);
      ctx.result(Json.write(describe(user)));
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static Optional<Set<Role>> roles(JsonNode body) {
    JsonNode list = body.get("roles");
    if (list == null) {
      return Optional.empty();
    }
    if (!list.isArray()) {
      throw Bodies.wrong("roles", "a list of roles is required, like [\"analyst\"]");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (JsonNode code : list) {
      try {
        roles.add(Role.fromCode(code.isString() ? code.asString() : ""));
      } catch (IllegalArgumentException e) {
        throw Bodies.wrong("roles", "each role is analyst, reviewer, operator or admin");
      }
    }
    return Optional.of(roles);
  }

  private static Optional<Tlp> clearance(JsonNode body) {
    JsonNode value = body.get("clearance");
    if (value == null) {
      return Optional.empty();
    }
    String code = value.isString() ? value.asString().trim().toUpperCase(Locale.ROOT) : "";
    try {
      return Optional.of(Tlp.fromCode(code.startsWith("TLP:") ? code.substring(4) : code));
    } catch (IllegalArgumentException e) {
      throw Bodies.wrong("clearance", "a TLP label: CLEAR, GREEN, AMBER, AMBER+STRICT or RED");
    }
  }

  static Map<String, Object> describe(UserAccount user) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("name", user.name());
    answer.put("roles", user.roles().stream().map(Role::code).sorted().toList());
    answer.put("clearance", user.clearance().code());
    answer.put("disabled", user.disabled());
    user.lockedUntil().ifPresent(at -> answer.put("lockedUntil", at.toString()));
    answer.put("created", user.created().toString());
    answer.put("updated", user.updated().toString());
    return answer;
  }
}
