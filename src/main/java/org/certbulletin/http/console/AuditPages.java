package org.certbulletin.http.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.service.Application;
import org.certbulletin.service.AuditPage;
import org.certbulletin.service.AuditQuery;

/**
 * The audit log, for admins, as the API's {@code listAudit} reads it: newest first, a page at a
 * time, filtered by who, what and since when. The access service checks the role.
 */
final class AuditPages {

  static final int PAGE = 50;

  private final Application services;
  private final ConsoleDoor door;

  AuditPages(Application services, ConsoleDoor door) {
    this.services = services;
    this.door = door;
  }

  void install(JavalinConfig config) {
    door.page(
        config,
        HandlerType.GET,
        "/console/audit",
        "listAudit",
        Optional.empty(),
        ConsoleDoor.Audit.BY_SERVICE,
        this::show);
  }

  private void show(Context ctx, Visit visit) {
    Optional<String> actor = filled(ctx.queryParam("actor"));
    Optional<String> operation = filled(ctx.queryParam("operation"));
    Optional<String> sinceText = filled(ctx.queryParam("since"));
    Optional<String> beforeText = filled(ctx.queryParam("before"));
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("actor", actor.orElse(""));
    model.put("operation", operation.orElse(""));
    model.put("since", sinceText.orElse(""));
    Optional<Instant> since = Optional.empty();
    Optional<Long> before = Optional.empty();
    List<String> problems = new ArrayList<>();
    if (sinceText.isPresent()) {
      try {
        since =
            Optional.of(LocalDate.parse(sinceText.get()).atStartOfDay(ZoneOffset.UTC).toInstant());
      } catch (DateTimeParseException e) {
        problems.add(door.views().word(visit.language(), "audit.badSince", sinceText.get()));
      }
    }
    if (beforeText.isPresent()) {
      try {
        before = Optional.of(Long.parseLong(beforeText.get()));
      } catch (NumberFormatException e) {
        problems.add(door.views().word(visit.language(), "audit.badBefore", beforeText.get()));
      }
    }
    AuditPage page =
        services
            .access()
            .listAudit(
                visit.who(), visit.from(), new AuditQuery(actor, operation, since, before, PAGE));
    List<Map<String, Object>> entries = new ArrayList<>();
    for (AuditEntry entry : page.entries()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", entry.id());
      row.put(
          "at",
          entry
              .at()
              .truncatedTo(ChronoUnit.SECONDS)
              .toString()
              .replace('T', ' ')
              .replace("Z", " UTC"));
      row.put("actor", entry.actor());
      row.put("operation", entry.operation());
      row.put("target", entry.target());
      row.put("from", entry.from());
      row.put("outcome", entry.outcome().name().toLowerCase(Locale.ROOT));
      row.put("detail", entry.detail());
      entries.add(row);
    }
    model.put("entries", entries);
    model.put("paged", before.isPresent());
    String filters =
        "actor="
            + encode(actor.orElse(""))
            + "&operation="
            + encode(operation.orElse(""))
            + "&since="
            + encode(sinceText.orElse(""));
    model.put("newest", "/console/audit?" + filters);
    model.put(
        "older",
        page.more() && !entries.isEmpty()
            ? "/console/audit?" + filters + "&before=" + page.entries().get(entries.size() - 1).id()
            : "");
    model.put("problems", problems);
    door.views().render(ctx, visit, problems.isEmpty() ? 200 : 400, "audit.ftlh", model);
  }

  private static Optional<String> filled(String value) {
    return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
