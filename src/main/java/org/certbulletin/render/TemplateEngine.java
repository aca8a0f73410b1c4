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

  /** The most a template may write: far above a 1,000-advisory bulletin, far below the heap. */
  static final int MAX_OUTPUT_CHARS = 64 * 1024 * 1024;

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
    wrapper.setMemberAccessPolicy(new ViewOnlyAccess());
    cfg.setObjectWrapper(wrapper.build());
    this.configuration = cfg;
  }

  /**
   * Renders {@code name} (relative to the templates directory) with {@code model}. A template that
   * recurses without end, writes more than {@link #MAX_OUTPUT_CHARS} characters or fails in any
   * other way is a {@link RenderException} naming the template and line; the process goes on.
   */
  public String render(String name, Map<String, Object> model) {
    Template template;
    try {
      template = configuration.getTemplate(name);
    } catch (IOException e) {
      throw new RenderException("cannot load template " + name + ": " + e.getMessage(), e);
    }
    BoundedWriter out = new BoundedWriter(MAX_OUTPUT_CHARS);
    try {
      template.process(model, out);
      return out.toString();
    } catch (TemplateException e) {
      throw new RenderException(
          "template " + name + " failed: " + e.getMessageWithoutStackTop(), e);
    } catch (BoundedWriter.TooLong e) {
      throw new RenderException(
          "template "
              + name
              + " wrote more than "
              + MAX_OUTPUT_CHARS
              + " characters; a loop in it"
              + " does not end (check its #list and #macro calls)",
          e);
    } catch (IOException e) {
      throw new RenderException("template " + name + " failed: " + e.getMessage(), e);
    } catch (StackOverflowError e) {
      throw new RenderException(
          "template " + name + " nests too deeply: a macro or function calls itself without end",
          e);
    }
  }
}
