package org.certbulletin.render;

import freemarker.cache.FileTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.Environment;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.core.TemplateObject;
import freemarker.core._CoreAPI;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Location;
import org.certbulletin.model.Problem;
import org.certbulletin.model.RenderSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FreeMarker set up for untrusted templates: HTML auto-escaping on, no {@code ?new} or {@code
 * ?api}, templates loaded only from inside the templates directory, bounded in output and in time.
 */
public final class TemplateEngine {

  /** The most a template may write: far above a 1,000-advisory bulletin, far below the heap. */
  static final int MAX_OUTPUT_CHARS = 64 * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(TemplateEngine.class);

  private static final AtomicInteger WORKERS = new AtomicInteger();

  private final Path templatesDir;
  private final Configuration configuration;

  /** Templates run on these threads, so that a runaway one can be interrupted at its deadline. */
  private final ExecutorService workers =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          30,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          task -> {
            Thread thread = new Thread(task, "cert-bulletin-template-" + WORKERS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });

  public TemplateEngine(Path templatesDir) {
    if (!Files.isDirectory(templatesDir)) {
      throw InvalidDataException.of(
          templatesDir.toString(),
          "templates folder not found; run from the project" + " folder or pass --templates DIR");
    }
    this.templatesDir = templatesDir;
    Configuration cfg = new InterruptibleConfiguration();
    try {
      cfg.setTemplateLoader(
          new InsideFolderLoader(new FileTemplateLoader(templatesDir.toFile(), false)));
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

  /** Renders {@code name} within the default time limit. */
  public String render(String name, Map<String, Object> model) {
    return render(name, model, Deadline.after(RenderSettings.DEFAULT_TIME_LIMIT));
  }

  /**
   * Renders {@code name} (relative to the templates directory) with {@code model}. A template that
   * recurses without end, writes more than {@link #MAX_OUTPUT_CHARS} characters or fails in any
   * other way is a {@link RenderException} naming the template and line; one still running at
   * {@code deadline} (a {@link TemplateTimeLimitException}), or including a file from outside the
   * templates folder, is an {@link InvalidDataException} at the template's line. Either way the
   * process goes on.
   */
  String render(String name, Map<String, Object> model, Deadline deadline) {
    Template template;
    try {
      template = configuration.getTemplate(name);
    } catch (IOException e) {
      Optional<LinkOutOfFolder> link = causedBy(e, LinkOutOfFolder.class);
      if (link.isPresent()) {
        throw InvalidDataException.of(
            templatesDir.resolve(name).toString(), link.get().getMessage());
      }
      throw new RenderException("cannot load template " + name + ": " + e.getMessage(), e);
    }
    BoundedWriter out = new BoundedWriter(MAX_OUTPUT_CHARS);
    Environment environment;
    try {
      environment = template.createProcessingEnvironment(model, out);
    } catch (TemplateException | IOException e) {
      throw new RenderException("template " + name + " failed: " + e.getMessage(), e);
    }
    Future<String> result = workers.submit(() -> process(name, environment, out));
    try {
      return result.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      Optional<Spot> running = runningInstruction(environment);
      result.cancel(true);
      throw tooSlow(name, running, deadline.limit());
    } catch (InterruptedException e) {
      result.cancel(true);
      Thread.currentThread().interrupt();
      throw new RenderException("rendering " + name + " was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new RenderException("template " + name + " failed: " + cause, cause);
    }
  }

  private String process(String name, Environment environment, BoundedWriter out) {
    try {
      environment.process();
      return out.toString();
    } catch (TemplateException e) {
      Optional<LinkOutOfFolder> link = causedBy(e, LinkOutOfFolder.class);
      if (link.isPresent()) {
        throw InvalidDataException.of(
            new Problem(
                templateFile(e.getTemplateSourceName(), name),
                location(e.getLineNumber(), e.getColumnNumber()),
                "",
                link.get().getMessage()));
      }
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
    } catch (OutOfMemoryError e) {
      // a string built-in (?left_pad, ?right_pad, repeated concatenation) asked for more memory
      // than there is; what it built is garbage once this frame is gone
      throw new RenderException(
          "template "
              + name
              + " ran out of memory: it builds a string too large (check its ?left_pad, ?right_pad"
              + " and string concatenation in loops)",
          e);
    }
  }

  private TemplateTimeLimitException tooSlow(String name, Optional<Spot> running, Duration limit) {
    String message =
        "the template did not finish within "
            + describe(limit)
            + " (render.time_limit in config.json); a loop in it does not end or runs too long"
            + " (check its #list and #macro calls)";
    return new TemplateTimeLimitException(
        new Problem(
            templateFile(running.map(Spot::template).orElse(null), name),
            running.map(Spot::location).orElse(new Location(1, 0)),
            "",
            message));
  }

  /**
   * The instruction a runaway template is executing. The stack is read while the template runs, so
   * a read can catch it changing; a few tries give a line almost always.
   */
  private static Optional<Spot> runningInstruction(Environment environment) {
    for (int attempt = 0; attempt < 20; attempt++) {
      Optional<Spot> spot = innermost(environment);
      if (spot.isPresent()) {
        return spot;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return Optional.empty();
  }

  /** Where in which template an instruction is. */
  private record Spot(String template, Location location) {}

  /**
   * The instruction the template was executing, read from another thread at the deadline: good
   * enough to name a line, never relied on otherwise. FreeMarker deprecates its element classes for
   * applications, but they are the only way to the instruction stack.
   */
  @SuppressWarnings("deprecation")
  private static Optional<Spot> innermost(Environment environment) {
    try {
      TemplateObject[] stack = _CoreAPI.getInstructionStackSnapshot(environment);
      if (stack == null) {
        return Optional.empty();
      }
      for (TemplateObject element : stack) {
        if (element != null && element.getTemplate() != null && element.getBeginLine() > 0) {
          return Optional.of(
              new Spot(
                  element.getTemplate().getSourceName(),
                  location(element.getBeginLine(), element.getBeginColumn())));
        }
      }
    } catch (RuntimeException e) {
      log.debug("cannot read the template's instruction stack: {}", e.toString());
    }
    return Optional.empty();
  }

  private String templateFile(String sourceName, String fallback) {
    return templatesDir.resolve(sourceName == null ? fallback : sourceName).toString();
  }

  private static Location location(Integer line, Integer column) {
    return line == null || line < 1
        ? new Location(1, 0)
        : new Location(line, column == null ? 0 : Math.max(0, column));
  }

  private static String describe(Duration limit) {
    long seconds = limit.toSeconds();
    return limit.toMillis() % 1000 == 0
        ? seconds + (seconds == 1 ? " second" : " seconds")
        : limit.toMillis() + " ms";
  }

  private static <T extends Throwable> Optional<T> causedBy(Throwable e, Class<T> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return Optional.of(type.cast(cause));
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return Optional.empty();
  }

  /** When the templates of one edition must be done. */
  record Deadline(long endNanos, Duration limit) {

    static Deadline after(Duration limit) {
      return new Deadline(System.nanoTime() + limit.toNanos(), limit);
    }

    Duration remaining() {
      return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }
  }

  /**
   * Adds FreeMarker's thread-interruption checks to every template it loads (the page and what it
   * includes or imports), so that loops stop when their worker thread is interrupted. The checks
   * are added once per parsed template; parsed templates are cached for good.
   */
  private static final class InterruptibleConfiguration extends Configuration {

    private final Set<Template> checked = Collections.newSetFromMap(new IdentityHashMap<>());

    InterruptibleConfiguration() {
      super(Configuration.VERSION_2_3_34);
    }

    @Override
    public Template getTemplate(
        String name,
        Locale locale,
        Object customLookupCondition,
        String encoding,
        boolean parseAsFTL,
        boolean ignoreMissing)
        throws IOException {
      Template template =
          super.getTemplate(
              name, locale, customLookupCondition, encoding, parseAsFTL, ignoreMissing);
      if (template != null) {
        synchronized (checked) {
          if (checked.add(template)) {
            // the supported way in to FreeMarker's ThreadInterruptionSupportTemplatePostProcessor
            _CoreAPI.addThreadInterruptedChecks(template);
          }
        }
      }
      return template;
    }
  }

  /** A template file that is a link to somewhere outside the templates folder. */
  static final class LinkOutOfFolder extends IOException {

    private static final long serialVersionUID = 1L;

    LinkOutOfFolder(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The file loader, with its refusal of links out of the folder (a {@link SecurityException}) made
   * an I/O error FreeMarker reports at the {@code #include} or {@code #import} that asked for it.
   */
  private static final class InsideFolderLoader implements TemplateLoader {

    private final TemplateLoader files;

    InsideFolderLoader(TemplateLoader files) {
      this.files = files;
    }

    @Override
    public Object findTemplateSource(String name) throws IOException {
      try {
        return files.findTemplateSource(name);
      } catch (SecurityException e) {
        throw new LinkOutOfFolder(
            name
                + " is a link to a file outside the templates folder; templates may include only"
                + " files inside it (copy the file into the folder instead of linking to it)",
            e);
      }
    }

    @Override
    public long getLastModified(Object source) {
      return files.getLastModified(source);
    }

    @Override
    public Reader getReader(Object source, String encoding) throws IOException {
      return files.getReader(source, encoding);
    }

    @Override
    public void closeTemplateSource(Object source) throws IOException {
      files.closeTemplateSource(source);
    }
  }
}
