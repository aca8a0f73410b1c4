package org.certbulletin.http.console;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.certbulletin.http.PageTemplates;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;

/**
 * The console's pages: FreeMarker templates (HTML auto-escaped) and the words of each language the
 * console speaks, from the class path. Every page gets who is signed in, their roles, the CSRF
 * token of their forms, the language and its words.
 */
final class Views {

  private final Predicate<Principal> approves;

  private final PageTemplates pages =
      new PageTemplates(
          Views.class,
          "console",
          Arrays.stream(UiLanguage.values()).map(UiLanguage::locale).toList());

  /**
   * Views whose menu leads to the subscribers page those {@code approves} says decide requests (and
   * operators).
   */
  Views(Predicate<Principal> approves) {
    this.approves = approves;
  }

  /** The words of {@code language}; a key it lacks is a bug the tests catch ({@code ??key??}). */
  String word(UiLanguage language, String key, Object... args) {
    return pages.word(language.locale(), key, args);
  }

  /** Renders {@code template} as the answer to {@code ctx}, with {@code status}. */
  void render(Context ctx, Visit visit, int status, String template, Map<String, Object> model) {
    Map<String, Object> all = new LinkedHashMap<>(model);
    all.put("t", pages.words(visit.language().locale()));
    all.put("lang", visit.language().tag());
    all.put(
        "uiLanguages",
        Arrays.stream(UiLanguage.values())
            .filter(l -> l != visit.language())
            .map(l -> Map.of("tag", l.tag(), "name", l.selfName()))
            .toList());
    all.put("here", ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString()));
    all.put("csrf", visit.csrf());
    all.put("signedIn", visit.session().isPresent());
    if (visit.session().isPresent()) {
      all.put("me", visit.who().user());
      all.put("roles", visit.who().roles().stream().map(Role::code).sorted().toList());
      all.put("clearance", visit.who().clearance().label());
      all.put("analyst", visit.has(Role.ANALYST));
      all.put("reviewer", visit.has(Role.REVIEWER));
      all.put("operator", visit.has(Role.OPERATOR));
      all.put("admin", visit.has(Role.ADMIN));
      all.put("subscribers", visit.has(Role.OPERATOR) || approves.test(visit.who()));
    }
    String html = pages.render(template, all);
    ctx.status(status);
    ctx.contentType("text/html; charset=utf-8");
    ctx.result(html);
  }
}
