package org.certbulletin.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.Application;
import org.certbulletin.service.Bulletins;
import org.certbulletin.service.ImportLimits;
import org.certbulletin.service.ImportResult;
import org.certbulletin.service.TallyPlan;

/**
 * Imports into a week's file, as {@code cert-bulletin import} makes them: advisories (CSAF, CVE,
 * KEV, EPSS) sent in the body or named by https addresses, and the week's figures from a
 * spreadsheet sent in the body. A caller names no file of the server.
 */
final class ImportOperations {

  private final Application application;

  ImportOperations(Application application) {
    this.application = application;
  }

  List<Operation> operations() {
    Optional<Role> analyst = Optional.of(Role.ANALYST);
    return List.of(
        new Operation(
            HandlerType.POST,
            "/api/weeks/{week}/advisories",
            "importAdvisories",
            analyst,
            false,
            Operation.Audit.BY_SERVICE,
            this::advisories),
        new Operation(
            HandlerType.POST,
            "/api/weeks/{week}/tallies",
            "importTallies",
            analyst,
            false,
            Operation.Audit.BY_SERVICE,
            this::tallies));
  }

  /**
   * {@code ?kind=csaf|cve|kev|epss[&url=https://...][&dryRun=true]}: the documents named by {@code
   * url} (https only, public hosts only), or else the one document in the body.
   */
  private void advisories(Context ctx, Principal caller) {
    WeekId week = WeekOperations.week(ctx);
    Bulletins.AdvisorySource kind = kind(ctx.queryParam("kind"));
    boolean dryRun = flag(ctx, "dryRun");
    List<String> urls = ctx.queryParams("url");
    for (String url : urls) {
      if (!url.startsWith("https://")) {
        throw HttpRefusal.badRequest(
            "?url: '" + url + "' is not an https address; send a document in the body instead");
      }
    }
    ImportLimits limits =
        new ImportLimits(
            ImportLimits.DEFAULT_MAX_BYTES,
            ImportLimits.DEFAULT_TIMEOUT,
            Optional.empty(),
            Set.of());
    try (Uploads uploads = Uploads.open()) {
      List<String> sources;
      if (urls.isEmpty()) {
        String name =
            switch (kind) {
              case EPSS -> isGzip(ctx) ? "request-body.csv.gz" : "request-body.csv";
              default -> "request-body.json";
            };
        sources = List.of(uploads.body(ctx, name).toString());
      } else {
        sources = urls;
      }
      ImportResult result =
          uploads.reading(
              () ->
                  application
                      .rereadBulletins(caller, ctx.ip())
                      .importAdvisories(week, kind, sources, limits, dryRun));
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("week", week.toString());
      answer.put("dryRun", dryRun);
      answer.put("changed", result.changed());
      answer.put("summary", uploads.shown(result.summary()));
      answer.put("lines", uploads.shown(result.lines()));
      answer.put("warnings", uploads.shown(result.warnings()));
      answer.put("rejected", uploads.shown(result.rejected()));
      ctx.result(Json.write(answer));
    }
  }

  /** The spreadsheet in the body (.xlsx or CSV, by its media type); {@code ?dryRun=true}. */
  private void tallies(Context ctx, Principal caller) throws InterruptedException {
    WeekId week = WeekOperations.week(ctx);
    boolean dryRun = flag(ctx, "dryRun");
    String type = String.valueOf(ctx.contentType()).toLowerCase(Locale.ROOT);
    String name;
    if (type.startsWith("text/csv")) {
      name = "request-body.csv";
    } else if (type.startsWith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")) {
      name = "request-body.xlsx";
    } else {
      throw new HttpRefusal(
          415,
          "unsupported-media-type",
          "Unsupported media type",
          "send the spreadsheet as text/csv or as an .xlsx workbook"
              + " (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)");
    }
    try (Uploads uploads = Uploads.open()) {
      Path sheet = uploads.body(ctx, name);
      TallyPlan plan =
          uploads.reading(
              () -> application.rereadBulletins(caller, ctx.ip()).importTallies(week, sheet));
      if (!dryRun && !plan.changes().isEmpty()) {
        plan.write();
      }
      ctx.result(
          Json.write(
              Map.of(
                  "week",
                  week.toString(),
                  "dryRun",
                  dryRun,
                  "changes",
                  plan.changes(),
                  "written",
                  !dryRun && !plan.changes().isEmpty())));
    }
  }

  private static boolean isGzip(Context ctx) {
    String type = String.valueOf(ctx.contentType()).toLowerCase(Locale.ROOT);
    return type.startsWith("application/gzip") || type.startsWith("application/x-gzip");
  }

  private static Bulletins.AdvisorySource kind(String code) {
    if (code == null) {
      throw HttpRefusal.badRequest("?kind: say what is imported: csaf, cve, kev or epss");
    }
    try {
      return Bulletins.AdvisorySource.valueOf(code.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw HttpRefusal.badRequest("?kind: '" + code + "' is not csaf, cve, kev or epss");
    }
  }

  static boolean flag(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw HttpRefusal.badRequest("?" + name + ": write true or false");
  }
}
