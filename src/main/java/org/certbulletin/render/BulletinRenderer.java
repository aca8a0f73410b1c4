package org.certbulletin.render;

import com.openhtmltopdf.slf4j.Slf4jLogger;
import com.openhtmltopdf.util.XRLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Issuer;
import org.certbulletin.model.Week;

/**
 * Renders a bulletin edition as a self-contained HTML page and an archival PDF, both from the same
 * templates in {@code bulletin/}. One instance can render many bulletins, also concurrently.
 */
public final class BulletinRenderer {

  static final String TEMPLATE = "bulletin/bulletin.ftlh";

  private final Path templatesDir;
  private final TemplateEngine templates;
  private final ResourceGuard guard;
  private final PdfRenderer pdf;
  private final Map<Locale, ViewFactory> factories = new ConcurrentHashMap<>();

  public BulletinRenderer(Path templatesDir) {
    XRLog.setLoggerImpl(new Slf4jLogger());
    this.templatesDir = templatesDir;
    this.templates = new TemplateEngine(templatesDir);
    this.guard = new ResourceGuard(templatesDir);
    this.pdf = new PdfRenderer(guard, FontSet.liberation());
  }

  /**
   * Renders {@code bulletin} in the given formats.
   *
   * @param source the week's data file as the analysts wrote it, embedded in the PDF
   */
  public RenderedBulletin render(Bulletin bulletin, byte[] source, Set<Format> formats) {
    ViewFactory views = factories.computeIfAbsent(bulletin.config().issuer().language(),
        locale -> new ViewFactory(Messages.load(templatesDir, locale)));
    Map<Format, byte[]> files = new EnumMap<>(Format.class);
    Issuer issuer = bulletin.config().issuer();
    if (formats.contains(Format.HTML)) {
      String logo = issuer.logo().map(guard::dataUri).orElse(null);
      BulletinView view = views.create(bulletin, "screen", logo);
      files.put(Format.HTML, templates.render(TEMPLATE, Map.of("b", view)).getBytes(StandardCharsets.UTF_8));
    }
    if (formats.contains(Format.PDF)) {
      BulletinView view = views.create(bulletin, "print", issuer.logo().orElse(null));
      String xhtml = templates.render(TEMPLATE, Map.of("b", view));
      files.put(Format.PDF, pdf.render(xhtml, metadata(bulletin, view, source)));
    }
    return new RenderedBulletin(files);
  }

  private PdfMetadata metadata(Bulletin bulletin, BulletinView view, byte[] source) {
    Week week = bulletin.week();
    Issuer issuer = bulletin.config().issuer();
    String subject = view.title() + " of " + issuer.name() + " for " + view.weekId() + " (" + view.period() + "), "
        + week.tlp().label();
    return new PdfMetadata(
        view.documentTitle(),
        issuer.name(),
        subject,
        List.of(week.tlp().label(), view.weekId(), issuer.shortName(), "security bulletin", "CERT"),
        view.lang(),
        week.published(),
        new PdfMetadata.Attachment(week.id() + ".json", "application/json",
            "Source data of this bulletin (" + week.id() + ")", "Source", source));
  }

}
