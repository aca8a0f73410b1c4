package org.certbulletin.render;

import com.openhtmltopdf.slf4j.Slf4jLogger;
import com.openhtmltopdf.util.XRLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Format;
import org.certbulletin.model.Issuer;
import org.certbulletin.model.Week;

/**
 * Renders a bulletin edition as a self-contained HTML page and an archival PDF, both from the same
 * templates in {@code bulletin/}. One instance can render many bulletins, also concurrently.
 */
public final class BulletinRenderer {

  static final String TEMPLATE = "bulletin/bulletin.ftlh";
  static final String MAIL_HTML = "mail/bulletin.html.ftlh";
  static final String MAIL_TEXT = "mail/bulletin.txt.ftl";

  private static final Pattern COMMA = Pattern.compile(",");

  private final Path templatesDir;
  private final TemplateEngine templates;
  private final ResourceGuard guard;
  private final PdfRenderer pdf;
  private final Map<Locale, ViewFactory> factories = new ConcurrentHashMap<>();

  public BulletinRenderer(Path templatesDir) {
    this(templatesDir, true, true);
  }

  private BulletinRenderer(Path templatesDir, boolean tagged, boolean checked) {
    XRLog.setLoggerImpl(new Slf4jLogger());
    this.templatesDir = templatesDir;
    this.templates = new TemplateEngine(templatesDir);
    this.guard = new ResourceGuard(templatesDir);
    this.pdf = new PdfRenderer(guard, FontSet.shipped(), tagged, checked);
  }

  /**
   * A renderer whose PDFs carry no structure tree (PDF/A-3b, not PDF/UA): only for the benchmark,
   * to measure what tagging costs. Every edition the tool writes is tagged.
   */
  public static BulletinRenderer untaggedForBenchmark(Path templatesDir) {
    return new BulletinRenderer(templatesDir, false, true);
  }

  /**
   * A renderer that does not check that every character reached the page as a glyph: only for the
   * benchmark, to measure what the check costs. Every edition the tool writes is checked.
   */
  public static BulletinRenderer uncheckedForBenchmark(Path templatesDir) {
    return new BulletinRenderer(templatesDir, true, false);
  }

  /**
   * Renders {@code bulletin} in the given formats.
   *
   * @param source the week's data file as the analysts wrote it, embedded in the PDF
   */
  public RenderedBulletin render(Bulletin bulletin, byte[] source, Set<Format> formats) {
    ViewFactory views = views(bulletin);
    TemplateEngine.Deadline deadline = deadline(bulletin);
    Map<Format, byte[]> files = new EnumMap<>(Format.class);
    Issuer issuer = bulletin.config().issuer();
    if (formats.contains(Format.HTML)) {
      String logo = issuer.logo().map(guard::dataUri).orElse(null);
      BulletinView view = views.create(bulletin, "screen", logo);
      files.put(
          Format.HTML,
          templates.render(TEMPLATE, Map.of("b", view), deadline).getBytes(StandardCharsets.UTF_8));
    }
    if (formats.contains(Format.PDF)) {
      BulletinView view = views.create(bulletin, "print", issuer.logo().orElse(null));
      String xhtml = templates.render(TEMPLATE, Map.of("b", view), deadline);
      files.put(Format.PDF, pdf.render(xhtml, metadata(bulletin, view, source)));
    }
    return new RenderedBulletin(files);
  }

  /**
   * The email edition of {@code bulletin}.
   *
   * @param attachment the file name the PDF is attached under
   * @param webUrl the web address of this edition, when it is public
   * @param unsubscribe the address that unsubscribes, for lists with public subscribers
   */
  public MailBodies renderMail(
      Bulletin bulletin, String attachment, Optional<String> webUrl, Optional<String> unsubscribe) {
    return renderMail(
        bulletin, attachment, webUrl, unsubscribe, Optional.empty(), MailChoice.WHOLE);
  }

  /**
   * The email edition of {@code bulletin} as above, for readers who chose {@code choice}, with a
   * closing line that links to {@code manage}, the page where subscribers see, change, export or
   * delete their data.
   */
  public MailBodies renderMail(
      Bulletin bulletin,
      String attachment,
      Optional<String> webUrl,
      Optional<String> unsubscribe,
      Optional<String> manage,
      MailChoice choice) {
    ViewFactory views = views(bulletin);
    TemplateEngine.Deadline deadline = deadline(bulletin);
    Messages messages = views.messages();
    BulletinView view = views.create(bulletin, "email", null);
    MailView mail =
        MailViews.create(bulletin, view, messages, attachment, webUrl, unsubscribe, manage, choice);
    Map<String, Object> model = Map.of("b", view, "mail", mail);
    Week week = bulletin.week();
    String subject =
        views
            .revisions()
            .subject(
                bulletin,
                messages.format(
                    "mail.subject",
                    week.tlp().label(),
                    view.title(),
                    view.weekId(),
                    String.valueOf(week.issue().number()),
                    bulletin.config().issuer().name()));
    return new MailBodies(
        subject,
        templates.render(MAIL_HTML, model, deadline),
        templates.render(MAIL_TEXT, model, deadline));
  }

  /** One time limit for all the templates of an edition (render.time_limit). */
  private static TemplateEngine.Deadline deadline(Bulletin bulletin) {
    return TemplateEngine.Deadline.after(bulletin.config().render().timeLimit());
  }

  private ViewFactory views(Bulletin bulletin) {
    return factories.computeIfAbsent(
        bulletin.config().issuer().language(),
        locale -> new ViewFactory(Messages.load(templatesDir, locale)));
  }

  /**
   * The PDF's metadata in the edition's language. Its keys came after the first bundles, so a
   * templates folder copied before them still renders, with the English words.
   */
  private PdfMetadata metadata(Bulletin bulletin, BulletinView view, byte[] source) {
    Week week = bulletin.week();
    Issuer issuer = bulletin.config().issuer();
    Messages messages = views(bulletin).messages();
    String subject =
        messages.formatOr(
            "pdf.subject",
            "{0} of {1} for {2} ({3}), {4}",
            view.title(),
            issuer.name(),
            view.weekId(),
            view.period(),
            week.tlp().label());
    List<String> keywords = new ArrayList<>();
    keywords.addAll(List.of(week.tlp().label(), week.id().toString(), issuer.shortName()));
    COMMA
        .splitAsStream(messages.getOr("pdf.keywords", "security bulletin, CERT"))
        .map(String::strip)
        .filter(k -> !k.isEmpty())
        .forEach(keywords::add);
    return new PdfMetadata(
        view.documentTitle(),
        issuer.name(),
        subject,
        keywords,
        view.lang(),
        week.published(),
        new PdfMetadata.Attachment(
            week.id() + ".json",
            "application/json",
            messages.formatOr(
                "pdf.source", "Source data of this bulletin ({0})", week.id().toString()),
            "Source",
            source));
  }
}
