package org.certbulletin.http;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The server's HTML pages (the console's, the readers'): FreeMarker templates from the class path
 * with HTML auto-escaping on and nothing but the model reachable, and the words of each language
 * the pages speak, from {@code BUNDLE_en.properties}, {@code BUNDLE_zh_CN.properties}... beside
 * them.
 */
public final class PageTemplates {

  private final String name;
  private final Configuration configuration;
  private final Map<String, Map<String, String>> words = new HashMap<>();

  /**
   * The templates in folder {@code templates} beside {@code base} and the words of {@code bundle}
   * in each of {@code languages}.
   *
   * @throws IllegalStateException if the words of a language are missing from the jar
   */
  public PageTemplates(Class<?> base, String bundle, List<Locale> languages) {
    this.name = bundle;
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
    cfg.setTemplateLoader(new ClassTemplateLoader(base, "templates"));
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
    for (Locale language : languages) {
      words.put(language.toLanguageTag(), load(base, bundle, language));
    }
  }

  private static Map<String, String> load(Class<?> base, String bundle, Locale language) {
    String file = bundle + "_" + language.toString() + ".properties";
    try (InputStream in = base.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException(file + " is missing from the jar");
      }
      Properties properties = new Properties();
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      Map<String, String> texts = new HashMap<>();
      properties.stringPropertyNames().forEach(k -> texts.put(k, properties.getProperty(k)));
      return Collections.unmodifiableMap(texts);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Every word of {@code language}, by key. */
  public Map<String, String> words(Locale language) {
    return words.get(language.toLanguageTag());
  }

  /** The words of {@code language}; a key it lacks is a bug the tests catch ({@code ??key??}). */
  public String word(Locale language, String key, Object... args) {
    String text = words(language).get(key);
    if (text == null) {
      return "??" + key + "??";
    }
    return args.length == 0 ? text : new MessageFormat(text, language).format(args);
  }

  /** The page {@code template} makes of {@code model}. */
  public String render(String template, Map<String, Object> model) {
    StringWriter out = new StringWriter();
    try {
      Template page = configuration.getTemplate(template);
      page.process(model, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the " + name + " template " + template, e);
    } catch (TemplateException e) {
      throw new IllegalStateException("the " + name + " template " + template + " failed", e);
    }
    return out.toString();
  }
}
