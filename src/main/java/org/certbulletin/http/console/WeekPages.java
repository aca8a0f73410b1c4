package org.certbulletin.http.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.certbulletin.model.Problem;
import org.certbulletin.model.Rating;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.certbulletin.model.WeekReview;
import org.certbulletin.model.WeekVersion;
import org.certbulletin.service.Application;
import org.certbulletin.service.Bulletins;
import org.certbulletin.service.Editions;
import org.certbulletin.service.NewWeek;
import org.certbulletin.service.ServiceFailure;
import org.certbulletin.service.StatusReport;
import org.certbulletin.service.TallyField;
import org.certbulletin.service.WeekDocuments;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The weeks: the list with each week's state and what is due, the editor (a form built from the
 * tally catalogue, or the raw JSON), and the preview of each edition.
 */
final class WeekPages {

  private final Application services;
  private final ConsoleDoor door;

  WeekPages(Application services, ConsoleDoor door) {
    this.services = services;
    this.door = door;
  }

  void install(JavalinConfig config) {
    Optional<Role> anyone = Optional.empty();
    Optional<Role> analyst = Optional.of(Role.ANALYST);
    door.page(
        config,
        HandlerType.GET,
        "/console/",
        "listWeeks",
        anyone,
        ConsoleDoor.Audit.NONE,
        this::list);
    door.page(
        config,
        HandlerType.POST,
        "/console/weeks",
        "startWeek",
        analyst,
        ConsoleDoor.Audit.BY_SERVICE,
        this::start);
    door.page(
        config,
        HandlerType.GET,
        "/console/weeks/{week}",
        "getWeek",
        anyone,
        ConsoleDoor.Audit.BY_DOOR,
        this::editor);
    door.page(
        config,
        HandlerType.POST,
        "/console/weeks/{week}",
        "putWeek",
        analyst,
        ConsoleDoor.Audit.BY_DOOR,
        this::save);
    door.page(
        config,
        HandlerType.GET,
        "/console/weeks/{week}/json",
        "getWeek",
        anyone,
        ConsoleDoor.Audit.BY_DOOR,
        this::jsonEditor);
    door.page(
        config,
        HandlerType.POST,
        "/console/weeks/{week}/json",
        "putWeek",
        analyst,
        ConsoleDoor.Audit.BY_DOOR,
        this::saveJson);
    door.page(
        config,
        HandlerType.GET,
        "/console/weeks/{week}/preview",
        "getEdition",
        anyone,
        ConsoleDoor.Audit.NONE,
        this::preview);
    door.page(
        config,
        HandlerType.GET,
        "/console/weeks/{week}/preview/{language}/html",
        "getEdition",
        anyone,
        ConsoleDoor.Audit.BY_DOOR,
        this::edition);
  }

  private Bulletins bulletins(Visit visit) {
    return services.rereadBulletins(visit.who(), visit.from());
  }

  static WeekId week(Context ctx) {
    try {
      return WeekId.parse(ctx.pathParam("week"));
    } catch (IllegalArgumentException e) {
      throw new ServiceFailure.NotFound("no week " + ctx.pathParam("week") + ": " + e.getMessage());
    }
  }

  // the list

  private void list(Context ctx, Visit visit) {
    Bulletins bulletins = bulletins(visit);
    List<Map<String, Object>> weeks = new ArrayList<>();
    for (WeekDocuments.WeekState state : services.weekDocuments().list()) {
      Map<String, Object> week = new LinkedHashMap<>();
      week.put("id", state.week().toString());
      week.put("problems", state.problems());
      week.put("sample", state.sample());
      try {
        WeekReview review = bulletins.review(state.week());
        week.put("state", review.state().name().toLowerCase(Locale.ROOT));
        week.put("version", review.latest().map(WeekVersion::number).orElse(0));
        week.put(
            "releaseAt",
            review.latest().flatMap(WeekVersion::releaseAt).map(Object::toString).orElse(""));
        week.put("published", review.lastPublished().map(WeekVersion::number).orElse(0));
        week.put("cleared", true);
      } catch (ServiceFailure.Forbidden e) {
        week.put("state", "restricted");
        week.put("cleared", false);
      }
      weeks.add(0, week);
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("weeks", weeks);
    model.put("due", due());
    model.put("done", ctx.queryParam("done") == null ? "" : ctx.queryParam("done"));
    door.views().render(ctx, visit, 200, "weeks.ftlh", model);
  }

  /** The due week and who must act, from the status the operator reads. */
  private Map<String, Object> due() {
    Map<String, Object> due = new LinkedHashMap<>();
    try {
      StatusReport status = services.scheduling().status(1);
      status
          .review()
          .ifPresent(
              review -> {
                due.put("week", review.review().week().toString());
                due.put("state", review.review().state().name().toLowerCase(Locale.ROOT));
                due.put("action", review.action().map(door::shown).orElse(""));
              });
    } catch (ServiceFailure e) {
      due.put("problem", door.shown(e.getMessage()));
    }
    return due;
  }

  private void start(Context ctx, Visit visit) {
    String asked = ConsoleDoor.field(ctx, "week").strip();
    Optional<WeekId> week;
    try {
      week = asked.isEmpty() ? Optional.empty() : Optional.of(WeekId.parse(asked));
    } catch (IllegalArgumentException e) {
      throw new ServiceFailure.BadInput("week: " + e.getMessage(), List.of());
    }
    NewWeek started = bulletins(visit).startWeek(week);
    ctx.redirect("/console/weeks/" + started.week() + "?done=started", HttpStatus.SEE_OTHER);
  }

  // the editor

  private WeekForm form(Visit visit) {
    Bulletins bulletins = bulletins(visit);
    return new WeekForm(bulletins.tallyFields(visit.language().locale()), bulletins.languages());
  }

  private void editor(Context ctx, Visit visit) {
    WeekId week = week(ctx);
    WeekDocuments.Document document = services.weekDocuments().get(visit.who(), week);
    WeekForm form = form(visit);
    JsonNode json = WeekForm.JSON.readTree(document.bytes());
    renderEditor(
        ctx,
        visit,
        200,
        week,
        form,
        json,
        form.fields(json),
        document.etag(),
        Map.of(),
        List.of(),
        Optional.empty());
  }

  private void renderEditor(
      Context ctx,
      Visit visit,
      int status,
      WeekId week,
      WeekForm form,
      JsonNode json,
      Map<String, String> values,
      String etag,
      Map<String, List<String>> problems,
      List<String> general,
      Optional<Conflict> conflict) {
    Bulletins bulletins = bulletins(visit);
    List<TallyField> tallies = form.tallies();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("week", week.toString());
    model.put("etag", etag);
    model.put("tallies", tallies);
    model.put("labels", labels(tallies, form.languages(), visit));
    model.put("languages", form.languages());
    model.put("values", values);
    model.put("ratings", java.util.Arrays.stream(Rating.values()).map(Rating::code).toList());
    model.put("highlights", json.path("highlights").size());
    model.put("notes", json.path("notes").size());
    List<Map<String, String>> advisories = new ArrayList<>();
    for (JsonNode advisory : json.path("advisories")) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("id", advisory.path("id").asString(""));
      JsonNode title = advisory.path("title");
      row.put(
          "title",
          title.isString() ? title.asString() : title.path(form.languages().get(0)).asString(""));
      advisories.add(row);
    }
    model.put("advisories", advisories);
    model.put("problems", problems);
    model.put("general", general);
    model.put("theirs", conflict.map(Conflict::theirs).orElse(null));
    model.put("mine", conflict.map(Conflict::mine).orElse(Map.of()));
    model.put("items", form.items(json));
    model.put("saveOver", conflict.map(c -> c.mine().equals(values)).orElse(false));
    model.put("done", ctx.queryParam("done") == null ? "" : ctx.queryParam("done"));
    model.put("review", reviewState(bulletins, week));
    model.put("previewLanguage", previewLanguage(form.languages(), visit.language()));
    door.views().render(ctx, visit, status, "editor.ftlh", model);
  }

  /**
   * What the page calls each field, for the problems and the conflict listed above the form: a
   * figure by its label ({@code Incidents handled · Phishing}), a text by its section and language.
   */
  private Map<String, String> labels(
      List<TallyField> tallies, List<String> languages, Visit visit) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (TallyField tally : tallies) {
      String name = WeekForm.name(tally.key());
      labels.put(name, tally.label());
      labels.put(
          name + ".breakdown",
          tally.label() + " · " + door.views().word(visit.language(), "editor.breakdown"));
      tally
          .breakdown()
          .forEach(
              p -> labels.put(name + ".breakdown." + p.key(), tally.label() + " · " + p.label()));
      tally
          .ofWhich()
          .forEach(
              p -> labels.put(name + ".of_which." + p.key(), tally.label() + " · " + p.label()));
    }
    labels.put("situation.rating", door.views().word(visit.language(), "editor.rating"));
    labels.put("release_at", door.views().word(visit.language(), "editor.releaseAt"));
    for (String language : languages) {
      labels.put(
          "situation.text." + language,
          door.views().word(visit.language(), "editor.situationText") + " (" + language + ")");
    }
    return labels;
  }

  /** The edition beside the editor: in the console's language, if the bulletin is written in it. */
  static String previewLanguage(List<String> languages, UiLanguage ui) {
    return languages.stream()
        .filter(tag -> Locale.forLanguageTag(tag).getLanguage().equals(ui.locale().getLanguage()))
        .findFirst()
        .orElse(languages.get(0));
  }

  private static String reviewState(Bulletins bulletins, WeekId week) {
    try {
      return bulletins.review(week).state().name().toLowerCase(Locale.ROOT);
    } catch (ServiceFailure e) {
      return "";
    }
  }

  private void save(Context ctx, Visit visit) {
    WeekId week = week(ctx);
    String etag = ConsoleDoor.field(ctx, "etag");
    Map<String, String> submitted = new TreeMap<>();
    ctx.formParamMap().forEach((k, v) -> submitted.put(k, v.isEmpty() ? "" : v.get(0)));
    WeekDocuments documents = services.weekDocuments();
    WeekDocuments.Document current = documents.get(visit.who(), week);
    WeekForm form = form(visit);
    // every page below is made from the file as it is now, with the values the person typed
    JsonNode original = WeekForm.JSON.readTree(current.bytes());
    Map<String, String> values = new LinkedHashMap<>(submitted);
    List.of(ConsoleDoor.CSRF_FIELD, "etag", "items").forEach(values::remove);
    if (!form.items(original).equals(submitted.get("items"))) {
      // the form's rows stand for the highlights, notes and advisories by position: if those lists
      // changed, applying it would put one item's texts on another; show theirs, lose nothing
      String message = door.views().word(visit.language(), "editor.itemsChanged");
      ConsoleDoor.refused(
          ctx, "the highlights, notes or advisories changed since the form was read");
      Map<String, String> theirs = form.fields(original);
      renderEditor(
          ctx,
          visit,
          409,
          week,
          form,
          original,
          theirs,
          current.etag(),
          Map.of(),
          List.of(message),
          Optional.of(new Conflict(differing(theirs, values), values)));
      return;
    }
    ObjectNode json = (ObjectNode) original.deepCopy();
    List<WeekForm.NotANumber> wrong = form.apply(json, submitted);
    if (!wrong.isEmpty()) {
      Map<String, List<String>> problems = new LinkedHashMap<>();
      for (WeekForm.NotANumber n : wrong) {
        problems
            .computeIfAbsent(n.field(), k -> new ArrayList<>())
            .add(door.views().word(visit.language(), "editor.notANumber", n.value()));
      }
      ConsoleDoor.refused(ctx, wrong.size() + " field(s) not a whole number: " + problems.keySet());
      renderEditor(
          ctx,
          visit,
          400,
          week,
          form,
          original,
          values,
          etag,
          problems,
          List.of(),
          Optional.empty());
      return;
    }
    try {
      WeekDocuments.Saved saved =
          documents.put(
              visit.who(),
              week,
              WeekDocuments.fileBytes(json),
              "the editor's form",
              Optional.of(etag));
      ctx.redirect(
          "/console/weeks/"
              + week
              + "?done="
              + (saved.review().isPresent() ? "savedToDraft" : "saved"),
          HttpStatus.SEE_OTHER);
    } catch (ServiceFailure.BadInput e) {
      ConsoleDoor.refused(ctx, door.shown(e.getMessage()));
      renderEditor(
          ctx,
          visit,
          400,
          week,
          form,
          original,
          values,
          etag,
          byField(e.problems()),
          List.of(door.shown(e.getMessage())),
          Optional.empty());
    } catch (ServiceFailure.Conflict e) {
      // someone saved meanwhile: show theirs beside these; a second save replaces theirs knowingly
      ConsoleDoor.refused(ctx, door.shown(e.getMessage()));
      renderEditor(
          ctx,
          visit,
          409,
          week,
          form,
          original,
          values,
          current.etag(),
          Map.of(),
          List.of(door.views().word(visit.language(), "editor.conflict")),
          Optional.of(new Conflict(differing(form.fields(original), values), values)));
    }
  }

  /** What differs between the saved file and the form: theirs by field, beside the form's. */
  record Conflict(Map<String, String> theirs, Map<String, String> mine) {}

  private static Map<String, String> differing(
      Map<String, String> theirs, Map<String, String> mine) {
    Map<String, String> differing = new TreeMap<>();
    for (String key : union(theirs, mine)) {
      String m = mine.getOrDefault(key, "").strip();
      String other = theirs.getOrDefault(key, "").strip();
      if (!m.equals(other)) {
        differing.put(key, other);
      }
    }
    return differing;
  }

  private static List<String> union(Map<String, String> a, Map<String, String> b) {
    List<String> keys = new ArrayList<>(a.keySet());
    b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(keys::add);
    return keys;
  }

  /** The problems by the field they belong to. */
  static Map<String, List<String>> byField(List<Problem> problems) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (Problem problem : problems) {
      fields
          .computeIfAbsent(WeekForm.field(problem.pointer()), k -> new ArrayList<>())
          .add(problem.message());
    }
    return fields;
  }

  // the raw JSON

  private void jsonEditor(Context ctx, Visit visit) {
    WeekId week = week(ctx);
    WeekDocuments.Document document = services.weekDocuments().get(visit.who(), week);
    renderJson(
        ctx,
        visit,
        200,
        week,
        new String(document.bytes(), StandardCharsets.UTF_8),
        document.etag(),
        List.of(),
        "");
  }

  private void renderJson(
      Context ctx,
      Visit visit,
      int status,
      WeekId week,
      String text,
      String etag,
      List<Problem> problems,
      String message) {
    String[] lines = text.split("\n", -1);
    List<Map<String, Object>> shown = new ArrayList<>();
    for (Problem problem : problems) {
      Map<String, Object> p = new LinkedHashMap<>();
      int line = problem.location().line();
      p.put("line", line);
      p.put("column", problem.location().column());
      p.put("pointer", problem.pointer());
      p.put("message", problem.message());
      p.put("source", line >= 1 && line <= lines.length ? lines[line - 1] : "");
      shown.add(p);
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("week", week.toString());
    model.put("etag", etag);
    model.put("text", text);
    model.put("rows", Math.min(Math.max(lines.length, 20), 60));
    model.put("problems", shown);
    model.put("message", message);
    model.put("done", ctx.queryParam("done") == null ? "" : ctx.queryParam("done"));
    door.views().render(ctx, visit, status, "json.ftlh", model);
  }

  private void saveJson(Context ctx, Visit visit) {
    WeekId week = week(ctx);
    String text = ConsoleDoor.field(ctx, "json").replace("\r\n", "\n");
    String etag = ConsoleDoor.field(ctx, "etag");
    try {
      WeekForm.JSON.readTree(text);
    } catch (JacksonException e) {
      // the service reports it too, located; this only keeps the text as typed
    }
    try {
      services
          .weekDocuments()
          .put(
              visit.who(),
              week,
              text.getBytes(StandardCharsets.UTF_8),
              "the JSON editor",
              Optional.of(etag));
      ctx.redirect("/console/weeks/" + week + "/json?done=saved", HttpStatus.SEE_OTHER);
    } catch (ServiceFailure.BadInput e) {
      ConsoleDoor.refused(ctx, door.shown(e.getMessage()));
      renderJson(ctx, visit, 400, week, text, etag, e.problems(), door.shown(e.getMessage()));
    } catch (ServiceFailure.Conflict e) {
      ConsoleDoor.refused(ctx, door.shown(e.getMessage()));
      renderJson(
          ctx,
          visit,
          409,
          week,
          text,
          etag,
          List.of(),
          door.views().word(visit.language(), "editor.conflictJson"));
    }
  }

  // the preview

  private void preview(Context ctx, Visit visit) {
    WeekId week = week(ctx);
    // the untranslated texts quote the file: for those cleared for all of it, as the file is
    services.weekDocuments().get(visit.who(), week);
    Bulletins bulletins = bulletins(visit);
    List<String> languages = bulletins.languages().stream().map(Locale::toLanguageTag).toList();
    String language =
        Optional.ofNullable(ctx.queryParam("language"))
            .filter(languages::contains)
            .orElse(languages.get(0));
    List<String> labels = new ArrayList<>();
    for (Tlp tlp : Tlp.values()) {
      if (visit.who().cleared(tlp)) {
        labels.add(tlp.code());
      }
    }
    String tlp =
        Optional.ofNullable(ctx.queryParam("tlp")).filter(labels::contains).orElse(labels.get(0));
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("week", week.toString());
    model.put("languages", languages);
    model.put("language", language);
    model.put("labels", labels);
    model.put("tlp", tlp);
    model.put(
        "untranslated",
        bulletins.untranslated(List.of(week)).stream()
            .map(
                u ->
                    u.edition().toLanguageTag()
                        + ": "
                        + u.place().pointer()
                        + ": "
                        + u.place().message())
            .toList());
    door.views().render(ctx, visit, 200, "preview.ftlh", model);
  }

  /** The HTML edition, for the preview's frame: framed by the console only, sandboxed. */
  private void edition(Context ctx, Visit visit) {
    WeekId week = week(ctx);
    Optional<Tlp> tlp;
    try {
      tlp = Optional.ofNullable(ctx.queryParam("tlp")).map(Tlp::fromCode);
    } catch (IllegalArgumentException e) {
      throw new ServiceFailure.BadInput("tlp: " + e.getMessage(), List.of());
    }
    Editions.Edition edition =
        services
            .editions()
            .get(
                visit.who(), week, Optional.of(ctx.pathParam("language")), tlp, Editions.Kind.HTML);
    ctx.header(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:;"
            + " frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox");
    ctx.header("X-Frame-Options", "SAMEORIGIN");
    ctx.contentType("text/html; charset=utf-8");
    ctx.result(edition.bytes());
  }
}
