package org.certbulletin.render;

import freemarker.cache.FileTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.certbulletin.model.InvalidDataException;

/**
 * FreeMarker set up for untrusted templates: HTML auto-escaping on, no {@code ?new} or {@code
 * ?api}, templates loaded only from inside the templates directory.
 */
public final class TemplateEngine {

  private final Configuration configuration;

  public TemplateEngine(Path templatesDir) {
    if (!Files.isDirectory(templatesDir)) {
      throw InvalidDataException.of(
          templatesDir.toString(),
          "templates folder not found; run from the project" + " folder or pass --templates DIR");
    }
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
    try {
      cfg.setTemplateLoader(new FileTemplateLoader(templatesDir.toFile(), false));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open templates directory " + templatesDir, e);
    }
    cfg.setDefaultEncoding("UTF-8");
    cfg.setOutputEncoding("UTF-8");
    cfg.setRecognizeStandardFileExtensions(true);
    cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
    cfg.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
    cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    cfg.setAPIBuiltinEnabled(false);
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setLogTemplateExceptions(false);
    cfg.setWrapUncheckedExceptions(true);
    cfg.setFallbackOnNullLoopVariable(false);
    cfg.setLocalizedLookup(false);
    cfg.setLocale(Locale.ROOT);
    cfg.setNumberFormat("computer");
    cfg.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
    DefaultObjectWrapperBuilder wrapper =
        new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
    wrapper.setExposeFields(false);
    cfg.setObjectWrapper(wrapper.build());
    this.configuration = cfg;
  }

  /** Renders {@code name} (relative to the templates directory) with {@code model}. */
  public String render(String name, Map<String, Object> model) {
    try {
      Template template = configuration.getTemplate(name);
      StringWriter out = new StringWriter(64 * 1024);
      template.process(model, out);
      return out.toString();
    } catch (TemplateException e) {
      throw new RenderException(
          "template " + name + " failed: " + e.getMessageWithoutStackTop(), e);
    } catch (IOException e) {
      throw new RenderException("cannot load template " + name + ": " + e.getMessage(), e);
    }
  }
}
