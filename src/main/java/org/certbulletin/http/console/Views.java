package org.certbulletin.http.console;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.certbulletin.model.Role;

/**
 * The console's pages: FreeMarker templates (HTML auto-escaped) and the words of each language the
 * console speaks, from the class path. Every page gets who is signed in, their roles, the CSRF
 * token of their forms, the language and its words.
 */
final class Views {

  private final Configuration configuration;
  private final Map<UiLanguage, Map<String, String>> words = new EnumMap<>(UiLanguage.class);

  Views() {
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
    cfg.setTemplateLoader(new ClassTemplateLoader(Views.class, "templates"));
    cfg.setDefaultEncoding("UTF-8");
    cfg.setOutputEncoding("UTF-8");
    cfg.setRecognizeStandardFileExtensions(true);
    cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
    cfg.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
    cfg.setAPIBuiltinEnabled(false);
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setLogTemplateExceptions(false);
    cfg.setWrapUncheckedExceptions(true);
    cfg.setLocalizedLookup(false);
    cfg.setNumberFormat("computer");
    DefaultObjectWrapperBuilder wrapper =
        new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
    wrapper.setExposeFields(false);
    cfg.setObjectWrapper(wrapper.build());
    this.configuration = cfg;
    for (UiLanguage language : UiLanguage.values()) {
      words.put(language, load(language));
    }
  }

  private static Map<String, String> load(UiLanguage language) {
    String name = "console_" + language.locale().toString() + ".properties";
    try (InputStream in = Views.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar");
      }
      Properties properties = new Properties();
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      Map<String, String> texts = new HashMap<>();
      properties.stringPropertyNames().forEach(k -> texts.put(k, properties.getProperty(k)));
      return Collections.unmodifiableMap(texts);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  /** The words of {@code language}; a key it lacks is a bug the tests catch ({@code ??key??}). */
  String word(UiLanguage language, String key, Object... args) {
    String text = words.get(language).get(key);
    if (text == null) {
      return "??" + key + "??";
    }
    return args.length == 0 ? text : new MessageFormat(text, language.locale()).format(args);
  }

  /** Renders {@code template} as the answer to {@code ctx}, with {@code status}. */
  void render(Context ctx, Visit visit, int status, String template, Map<String, Object> model) {
    Map<String, Object> all = new LinkedHashMap<>(model);
    all.put("t", words.get(visit.language()));
    all.put("lang", visit.language().tag());
    all.put(
        "uiLanguages",
        java.util.Arrays.stream(UiLanguage.values())
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
    }
    StringWriter out = new StringWriter();
    try {
      Template page = configuration.getTemplate(template);
      page.process(all, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the console template " + template, e);
    } catch (TemplateException e) {
      throw new IllegalStateException("the console template " + template + " failed", e);
    }
    ctx.status(status);
    ctx.contentType("text/html; charset=utf-8");
    ctx.result(out.toString());
  }
}
