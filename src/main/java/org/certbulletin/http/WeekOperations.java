package org.certbulletin.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.model.Format;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Problem;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.Application;
import org.certbulletin.service.BuildResult;
import org.certbulletin.service.Bulletins;
import org.certbulletin.service.Editions;
import org.certbulletin.service.NewWeek;
import org.certbulletin.service.ServiceFailure;
import org.certbulletin.service.WeekDocuments;

/** The weeks: their files, their checks, their builds and their editions. */
final class WeekOperations {

  private final Application application;
  private final WeekDocuments documents;
  private final Editions editions;

  WeekOperations(Application application) {
    this.application = application;
    this.documents = application.weekDocuments();
    this.editions = application.editions();
  }

  List<Operation> operations() {
    Optional<Role> anyone = Optional.empty();
    Optional<Role> analyst = Optional.of(Role.ANALYST);
    return List.of(
        new Operation(
            HandlerType.GET,
            "/api/weeks",
            "listWeeks",
            anyone,
            false,
            Operation.Audit.NONE,
            this::list),
        new Operation(
            HandlerType.GET,
            "/api/weeks/{week}",
            "getWeek",
            anyone,
            false,
            Operation.Audit.BY_DOOR,
            this::get),
        new Operation(
            HandlerType.PUT,
            "/api/weeks/{week}",
            "putWeek",
            analyst,
            false,
            Operation.Audit.BY_DOOR,
            this::put),
        new Operation(
            HandlerType.POST,
            "/api/weeks/{week}",
            "startWeek",
            analyst,
            false,
            Operation.Audit.BY_SERVICE,
            this::start),
        new Operation(
            HandlerType.POST,
            "/api/weeks/{week}/validation",
            "validateWeek",
            anyone,
            false,
            Operation.Audit.NONE,
            this::validate),
        new Operation(
            HandlerType.POST,
            "/api/weeks/{week}/build",
            "buildWeek",
            analyst,
            false,
            Operation.Audit.BY_SERVICE,
            this::build),
        new Operation(
            HandlerType.GET,
            "/api/weeks/{week}/editions/{language}/{format}",
            "getEdition",
            anyone,
            false,
            Operation.Audit.BY_DOOR,
            this::edition));
  }

  private void list(Context ctx, Principal caller) {
    List<Map<String, Object>> weeks =
        documents.list().stream()
            .map(
                w -> {
                  Map<String, Object> week = new LinkedHashMap<>();
                  week.put("week", w.week().toString());
                  week.put("etag", w.etag());
                  week.put("sample", w.sample());
                  week.put("problems", w.problems());
                  return week;
                })
            .toList();
    ctx.result(Json.write(Map.of("weeks", weeks)));
  }

  private void get(Context ctx, Principal caller) {
    WeekDocuments.Document document = documents.get(caller, week(ctx));
    ctx.header("ETag", document.etag());
    if (document.etag().equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.contentType("application/json").result(document.bytes());
  }

  private void put(Context ctx, Principal caller) {
    WeekId week = week(ctx);
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new HttpRefusal(
          415,
          "unsupported-media-type",
          "Unsupported media type",
          "send the week as application/json");
    }
    WeekDocuments.Saved saved =
        documents.put(
            caller,
            week,
            ctx.bodyAsBytes(),
            "PUT /api/weeks/" + week,
            Optional.ofNullable(ctx.header("If-Match")));
    ctx.header("ETag", saved.etag());
    if (saved.created()) {
      ctx.header("Location", "/api/weeks/" + week);
      ctx.status(201);
    }
    ctx.result(
        Json.write(
            saved.review().isEmpty()
                ? Map.of("week", week.toString(), "etag", saved.etag(), "created", saved.created())
                : Map.of(
                    "week",
                    week.toString(),
                    "etag",
                    saved.etag(),
                    "created",
                    saved.created(),
                    "review",
                    saved.review().get())));
  }

  /**
   * Starts the week's file from the newest earlier week's, as {@code cert-bulletin new WEEK} does:
   * 201 with its place, 409 if it has a file already.
   */
  private void start(Context ctx, Principal caller) {
    WeekId week = week(ctx);
    NewWeek created;
    try {
      created = application.rereadBulletins(caller, ctx.ip()).startWeek(Optional.of(week));
    } catch (ServiceFailure.Conflict e) {
      // the service's message names the file on the server; the caller knows it by its path here
      throw ServiceFailure.Conflict.exists(
          "week "
              + week
              + " has a file already, which is never overwritten; read it with GET /api/weeks/"
              + week);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("week", created.week().toString());
    answer.put("source", created.source().toString());
    answer.put("skipped", created.skipped().stream().map(WeekId::toString).toList());
    answer.put("volume", created.issue().volume());
    answer.put("number", created.issue().number());
    created.issue().total().ifPresent(total -> answer.put("total", total));
    answer.put("published", created.publishedText());
    answer.put("scheduled", created.scheduled());
    ctx.status(201).header("Location", "/api/weeks/" + created.week()).result(Json.write(answer));
  }

  private void validate(Context ctx, Principal caller) {
    WeekId week = week(ctx);
    Bulletins service = application.rereadBulletins(caller, ctx.ip());
    requireFile(service, week);
    List<Problem> problems = service.validate(List.of(week));
    ctx.result(
        Json.write(
            Map.of(
                "week",
                week.toString(),
                "valid",
                problems.isEmpty(),
                "problems",
                documents.forClients(problems).stream().map(ProblemResponse::place).toList())));
  }

  private void build(Context ctx, Principal caller) {
    WeekId week = week(ctx);
    Bulletins service = application.rereadBulletins(caller, ctx.ip());
    requireFile(service, week);
    BuildResult result = service.build(week, EnumSet.allOf(Format.class));
    ctx.result(
        Json.write(
            Map.of(
                "week",
                result.week().toString(),
                "tlp",
                result.edition().code(),
                "written",
                names(result.written()),
                "unchanged",
                names(result.unchanged()))));
  }

  private void edition(Context ctx, Principal caller) {
    WeekId week = week(ctx);
    Editions.Kind kind = Editions.Kind.of(ctx.pathParam("format"));
    Optional<String> language = Optional.of(ctx.pathParam("language"));
    Optional<Tlp> tlp = Optional.ofNullable(ctx.queryParam("tlp")).map(WeekOperations::tlp);
    String tag = editions.tag(caller, week, language, tlp, kind);
    ctx.header("ETag", tag);
    ctx.header("Cache-Control", "private, no-cache");
    if (tag.equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    Editions.Edition edition = editions.get(caller, week, language, tlp, kind);
    if (kind == Editions.Kind.HTML) {
      // the page's own styles and images, nothing else; no scripts, no forms, no frames
      ctx.header(
          "Content-Security-Policy",
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:;"
              + " frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox");
    }
    ctx.header(
        "Content-Disposition",
        "inline; filename=\"bulletin-"
            + week
            + "-"
            + edition.language().toLanguageTag()
            + "-"
            + edition.tlp().slug()
            + "."
            + kind.code()
            + "\"");
    if (kind == Editions.Kind.PDF) {
      ctx.res().setCharacterEncoding(null); // bytes, not text: no charset parameter
    }
    ByteRanges.send(ctx, edition.bytes(), kind.mediaType(), edition.etag());
  }

  /** A 404 the door gives (and audits) before the service is asked. */
  private static void requireFile(Bulletins service, WeekId week) {
    if (!service.weeks().contains(week)) {
      throw new HttpRefusal(
          404,
          "not-found",
          "Not found",
          "week " + week + " has no data file; start it with POST /api/weeks/" + week);
    }
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(f -> f.getFileName().toString()).toList();
  }

  static WeekId week(Context ctx) {
    String text = ctx.pathParam("week");
    try {
      return WeekId.parse(text);
    } catch (IllegalArgumentException e) {
      throw HttpRefusal.badRequest(
          "'" + text + "' is not an ISO week; write it like 2024-W51 (" + e.getMessage() + ")");
    }
  }

  private static Tlp tlp(String code) {
    try {
      return Tlp.fromCode(code);
    } catch (IllegalArgumentException e) {
      throw HttpRefusal.badRequest("?tlp: " + e.getMessage());
    }
  }
}
