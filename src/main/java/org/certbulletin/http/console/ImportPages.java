package org.certbulletin.http.console;

import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.http.ApiServer;
import org.certbulletin.http.HttpRefusal;
import org.certbulletin.http.Uploads;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Problem;
import org.certbulletin.model.Role;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.Application;
import org.certbulletin.service.Bulletins;
import org.certbulletin.service.ImportLimits;
import org.certbulletin.service.ImportResult;
import org.certbulletin.service.ServiceFailure;
import org.certbulletin.service.TallyPlan;
import org.certbulletin.service.WeekDocuments;

/**
 * A week's imports, as the API's {@code importAdvisories} and {@code importTallies} make them: a
 * CSAF, CVE, KEV or EPSS file uploaded or named by one https address, and the figures from an
 * uploaded spreadsheet, each with its report. The upload is kept in a folder of its own while it is
 * read and deleted afterwards; the report names it by its file name alone.
 */
final class ImportPages {

  /** The API's limits: what a document named by an address may weigh, how long it may take. */
  private static final ImportLimits LIMITS =
      new ImportLimits(
          ImportLimits.DEFAULT_MAX_BYTES, ImportLimits.DEFAULT_TIMEOUT, Optional.empty(), Set.of());

  private static final List<String> KINDS =
      Arrays.stream(Bulletins.AdvisorySource.values())
          .map(k -> k.name().toLowerCase(Locale.ROOT))
          .toList();

  private final Application services;
  private final ConsoleDoor door;

  ImportPages(Application services, ConsoleDoor door) {
    this.services = services;
    this.door = door;
  }

  void install(JavalinConfig config) {
    // the server's bound on bodies holds for a form's files too, and they are kept in memory
    config.jetty.multipartConfig.maxFileSize(ApiServer.MAX_BODY, SizeUnit.BYTES);
    config.jetty.multipartConfig.maxTotalRequestSize(ApiServer.MAX_BODY, SizeUnit.BYTES);
    config.jetty.multipartConfig.maxInMemoryFileSize((int) ApiServer.MAX_BODY, SizeUnit.BYTES);
    config.routes.before("/console/weeks/{week}/imports/*", this::bounded);
    Optional<Role> analyst = Optional.of(Role.ANALYST);
    door.page(
        config,
        HandlerType.GET,
        "/console/weeks/{week}/imports",
        "getWeek",
        Optional.empty(),
        ConsoleDoor.Audit.NONE,
        (ctx, visit) -> show(ctx, visit, 200, Map.of()));
    door.page(
        config,
        HandlerType.POST,
        "/console/weeks/{week}/imports/advisories",
        "importAdvisories",
        analyst,
        ConsoleDoor.Audit.BY_SERVICE,
        this::advisories);
    door.page(
        config,
        HandlerType.POST,
        "/console/weeks/{week}/imports/tallies",
        "importTallies",
        analyst,
        ConsoleDoor.Audit.BY_SERVICE,
        this::tallies);
  }

  /**
   * Refuses a form larger than the server reads, before anything reads it, with a page that says
   * so; and one that does not say its length (a browser always does).
   */
  private void bounded(Context ctx) {
    if (!ctx.method().equals(HandlerType.POST)) {
      return;
    }
    long length = ctx.req().getContentLengthLong();
    String key;
    if (length > ApiServer.MAX_BODY) {
      key = "imports.tooLarge";
    } else if (length < 0) {
      key = "imports.noLength";
    } else {
      return;
    }
    ctx.header("Content-Security-Policy", ConsoleDoor.POLICY);
    ctx.header("Connection", "close");
    UiLanguage language = UiLanguage.of(ctx);
    Visit visit =
        new Visit(
            Optional.ofNullable(ctx.cookie(ConsoleDoor.SESSION_COOKIE))
                .flatMap(services.access()::session),
            language,
            ctx.ip());
    Map<String, Object> model = new LinkedHashMap<>();
    int status = length < 0 ? 411 : 413;
    model.put("status", status);
    model.put("message", door.views().word(language, key, megabytes()));
    model.put("problems", List.of());
    door.views().render(ctx, visit, status, "error.ftlh", model);
    ctx.skipRemainingHandlers();
  }

  private static String megabytes() {
    return String.format(Locale.ROOT, "%.0f", ApiServer.MAX_BODY / (1024.0 * 1024.0));
  }

  private void show(Context ctx, Visit visit, int status, Map<String, Object> outcome) {
    WeekId week = WeekPages.week(ctx);
    Map<String, Object> model = new LinkedHashMap<>(outcome);
    model.put("week", week.toString());
    model.put("state", state(visit, week));
    model.put("advisoryCount", advisoryCount(visit, week));
    model.put("kinds", KINDS);
    model.putIfAbsent("kind", KINDS.get(0));
    model.putIfAbsent("url", "");
    model.put("maxMegabytes", megabytes());
    door.views().render(ctx, visit, status, "imports.ftlh", model);
  }

  /**
   * How many advisories the week's file holds, for those cleared to read it (an import does not
   * need that, as the API's does not); -1 for the others.
   */
  private int advisoryCount(Visit visit, WeekId week) {
    try {
      WeekDocuments.Document document = services.weekDocuments().get(visit.who(), week);
      return WeekForm.JSON.readTree(document.bytes()).path("advisories").size();
    } catch (ServiceFailure.Forbidden e) {
      return -1;
    }
  }

  private String state(Visit visit, WeekId week) {
    try {
      return services
          .rereadBulletins(visit.who(), visit.from())
          .review(week)
          .state()
          .name()
          .toLowerCase(Locale.ROOT);
    } catch (ServiceFailure e) {
      return "";
    }
  }

  private void advisories(Context ctx, Visit visit) {
    WeekId week = WeekPages.week(ctx);
    String code = ConsoleDoor.field(ctx, "kind").strip().toLowerCase(Locale.ROOT);
    String url = Optional.ofNullable(ctx.formParam("url")).orElse("").strip();
    boolean dryRun = ctx.formParam("dryRun") != null;
    Map<String, Object> asked = new LinkedHashMap<>();
    asked.put("kind", KINDS.contains(code) ? code : KINDS.get(0));
    asked.put("url", url);
    Optional<UploadedFile> upload = upload(ctx);
    try (Uploads uploads = Uploads.open()) {
      if (!KINDS.contains(code)) {
        throw refusal(visit, "importAdvisories", week, "imports.kindNeeded");
      }
      Bulletins.AdvisorySource kind =
          Bulletins.AdvisorySource.valueOf(code.toUpperCase(Locale.ROOT));
      String source;
      if (upload.isPresent() && !url.isEmpty()) {
        throw refusal(visit, "importAdvisories", week, "imports.fileOrAddress");
      } else if (upload.isPresent()) {
        source = keep(uploads, upload.get(), advisoryFileName(kind, upload.get())).toString();
      } else if (url.startsWith("https://")) {
        source = url;
      } else if (url.isEmpty()) {
        throw refusal(visit, "importAdvisories", week, "imports.fileOrAddress");
      } else {
        throw refusal(visit, "importAdvisories", week, "imports.httpsOnly", url);
      }
      ImportResult result =
          uploads.reading(
              () ->
                  services
                      .rereadBulletins(visit.who(), visit.from())
                      .importAdvisories(week, kind, List.of(source), LIMITS, dryRun));
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("kind", code);
      report.put("dryRun", dryRun);
      report.put("changed", result.changed());
      report.put("summary", uploads.shown(result.summary()));
      report.put("lines", uploads.shown(result.lines()));
      report.put("warnings", uploads.shown(result.warnings()));
      report.put("rejected", uploads.shown(result.rejected()));
      asked.put("advisories", report);
      show(ctx, visit, 200, asked);
    } catch (FormRefusal e) {
      asked.put("problem", e.getMessage());
      show(ctx, visit, 400, asked);
    } catch (HttpRefusal e) {
      asked.put("problem", e.getMessage());
      show(ctx, visit, e.status(), asked);
    } catch (ServiceFailure.BadInput
        | ServiceFailure.NotFound
        | ServiceFailure.Conflict
        | ServiceFailure.Busy e) {
      failed(ctx, visit, e, asked);
    }
  }

  private void tallies(Context ctx, Visit visit) throws InterruptedException {
    WeekId week = WeekPages.week(ctx);
    boolean dryRun = ctx.formParam("dryRun") != null;
    Map<String, Object> asked = new LinkedHashMap<>();
    Optional<UploadedFile> upload = upload(ctx);
    try (Uploads uploads = Uploads.open()) {
      if (upload.isEmpty()) {
        throw refusal(visit, "importTallies", week, "imports.sheetNeeded");
      }
      String extension = sheetExtension(upload.get());
      if (extension.isEmpty()) {
        throw refusal(visit, "importTallies", week, "imports.sheetKind", upload.get().filename());
      }
      Path sheet = keep(uploads, upload.get(), plainName(upload.get().filename(), extension));
      TallyPlan plan =
          uploads.reading(
              () -> services.rereadBulletins(visit.who(), visit.from()).importTallies(week, sheet));
      boolean write = !dryRun && !plan.changes().isEmpty();
      if (write) {
        plan.write();
      }
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("dryRun", dryRun);
      report.put("changes", uploads.shown(plan.changes()));
      report.put("written", write);
      report.put("changesLayout", plan.changesLayout());
      asked.put("tallies", report);
      show(ctx, visit, 200, asked);
    } catch (FormRefusal e) {
      asked.put("problem", e.getMessage());
      show(ctx, visit, 400, asked);
    } catch (HttpRefusal e) {
      asked.put("problem", e.getMessage());
      show(ctx, visit, e.status(), asked);
    } catch (ServiceFailure.BadInput
        | ServiceFailure.NotFound
        | ServiceFailure.Conflict
        | ServiceFailure.Busy e) {
      failed(ctx, visit, e, asked);
    }
  }

  /** The service's refusal on the page, with its problems; the service wrote its audit line. */
  private void failed(Context ctx, Visit visit, ServiceFailure e, Map<String, Object> asked) {
    asked.put("problem", door.shown(e.getMessage()));
    if (e instanceof ServiceFailure.BadInput bad) {
      asked.put("problems", door.shown(bad.problems()).stream().map(Problem::toString).toList());
    }
    show(ctx, visit, ConsoleDoor.status(e), asked);
  }

  /**
   * A refusal of the form itself, before any service saw it: audited here, as the API's door audits
   * its own.
   */
  private FormRefusal refusal(
      Visit visit, String operation, WeekId week, String key, Object... args) {
    String message = door.views().word(visit.language(), key, args);
    services
        .access()
        .audit(
            visit.who(),
            operation,
            week.toString(),
            visit.from(),
            AuditEntry.Outcome.REFUSED,
            door.views().word(UiLanguage.EN, key, args));
    return new FormRefusal(message);
  }

  private static Optional<UploadedFile> upload(Context ctx) {
    if (!ctx.isMultipartFormData()) {
      return Optional.empty();
    }
    UploadedFile file = ctx.uploadedFile("file");
    if (file == null || (file.size() == 0 && file.filename().isEmpty())) {
      return Optional.empty(); // a form sent without a file chosen
    }
    return Optional.of(file);
  }

  private static Path keep(Uploads uploads, UploadedFile file, String name) {
    try (InputStream in = file.content()) {
      return uploads.file(name, in, ApiServer.MAX_BODY);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the uploaded " + name, e);
    }
  }

  /** The name an importer reads the upload under: EPSS scores are CSV, maybe gzipped; JSON else. */
  private static String advisoryFileName(Bulletins.AdvisorySource kind, UploadedFile file) {
    String given = file.filename().toLowerCase(Locale.ROOT);
    String extension =
        switch (kind) {
          case EPSS -> given.endsWith(".gz") ? ".csv.gz" : ".csv";
          default -> ".json";
        };
    return plainName(file.filename(), extension);
  }

  private static String sheetExtension(UploadedFile file) {
    String given = file.filename().toLowerCase(Locale.ROOT);
    String type = String.valueOf(file.contentType()).toLowerCase(Locale.ROOT);
    if (given.endsWith(".xlsx") || type.startsWith("application/vnd.openxmlformats")) {
      return ".xlsx";
    } else if (given.endsWith(".csv") || type.startsWith("text/csv")) {
      return ".csv";
    }
    return "";
  }

  /**
   * The uploaded file's own name, so a report names what the reader chose, made a plain name of
   * letters, digits, dots, dashes and underscores, ending in {@code extension}.
   */
  static String plainName(String given, String extension) {
    String base =
        given == null ? "" : given.substring(given.replace('\\', '/').lastIndexOf('/') + 1);
    String lower = base.toLowerCase(Locale.ROOT);
    for (String known : List.of(".csv.gz", ".json", ".csv", ".xlsx", ".gz")) {
      if (lower.endsWith(known)) {
        base = base.substring(0, base.length() - known.length());
        break;
      }
    }
    base = base.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[._-]+", "");
    if (base.length() > 80) {
      base = base.substring(0, 80);
    }
    return (base.isEmpty() ? "upload" : base) + extension;
  }
}
