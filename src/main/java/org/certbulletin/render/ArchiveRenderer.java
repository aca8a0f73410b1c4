package org.certbulletin.render;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.ArchiveEntry;
import org.certbulletin.model.Config;
import org.certbulletin.model.Format;
import org.certbulletin.model.Issuer;
import org.certbulletin.model.Tlp;
import org.certbulletin.render.BulletinView.IssuerView;
import org.certbulletin.render.BulletinView.TranslationView;

/**
 * Renders the archive's index page and Atom feed from the published entries. Output depends only on
 * the entries and the configuration (no clock), so an unchanged archive gives the same bytes.
 */
public final class ArchiveRenderer {

  static final String INDEX_TEMPLATE = "site/index.ftlh";
  static final String FEED_TEMPLATE = "site/feed.ftlx";

  private final TemplateEngine templates;
  private final Path templatesDir;

  public ArchiveRenderer(Path templatesDir) {
    this.templatesDir = templatesDir;
    this.templates = new TemplateEngine(templatesDir);
  }

  /** {@code index.html}: every entry, newest first. */
  public byte[] index(List<ArchiveEntry> entries, Config config) {
    Messages messages = Messages.load(templatesDir, config.issuer().language());
    Formats formats = new Formats(messages);
    ViewFactory views = new ViewFactory(messages);
    List<ArchiveView.EntryView> rows = new ArrayList<>();
    for (ArchiveEntry entry : newestFirst(entries)) {
      String folder = folder(entry);
      rows.add(
          new ArchiveView.EntryView(
              entry.week().toString(),
              messages.format(
                  "issue.line",
                  String.valueOf(entry.issue().volume()),
                  String.valueOf(entry.issue().number())),
              entry.issue().total().isPresent()
                  ? messages.format("issue.total", entry.issue().total().getAsInt())
                  : null,
              views.tlp(entry.tlp()),
              entry.sample(),
              formats.period(entry.week().start(), entry.week().end()),
              formats.dateTime(entry.published(), config.issuer().zone()),
              entry.published().toString(),
              formats.number(entry.incidents()),
              entry.crossBorder().isPresent()
                  ? messages.format(
                      "archive.crossBorder", formats.number(entry.crossBorder().getAsLong()))
                  : null,
              entry.breaches().isPresent() ? formats.number(entry.breaches().getAsLong()) : null,
              formats.number(entry.advisories()),
              entry.exploited() > 0
                  ? messages.format("archive.exploited", formats.number(entry.exploited()))
                  : null,
              folder + file(entry, Format.HTML.fileName(), config),
              folder + file(entry, Format.PDF.fileName(), config),
              size(entry, file(entry, Format.PDF.fileName(), config)),
              folder + file(entry, OutputLayout.JSON_FILE, config),
              entry
                  .corrected()
                  .map(
                      at ->
                          messages.formatOr(
                              "archive.corrected",
                              "corrected {0}",
                              formats.dateTime(
                                  at.atZone(config.issuer().zone()).toOffsetDateTime(),
                                  config.issuer().zone())))
                  .orElse(null),
              entry.corrected().map(Instant::toString).orElse(null)));
    }
    Issuer issuer = config.issuer();
    ArchiveView view =
        new ArchiveView(
            messages.locale().toLanguageTag(),
            issuer.title(),
            IssuerView.of(config, logo(config)),
            messages.format("archive.count", rows.size()),
            messages.get("tlp.CLEAR"),
            rows,
            own(OutputLayout.FEED_FILE, config),
            translations(config),
            messages.all());
    return templates.render(INDEX_TEMPLATE, Map.of("a", view)).getBytes(StandardCharsets.UTF_8);
  }

  /** {@code feed.xml}: the newest entries as an Atom 1.0 feed. */
  public byte[] feed(List<ArchiveEntry> entries, Config config) {
    Messages messages = Messages.load(templatesDir, config.issuer().language());
    Formats formats = new Formats(messages);
    Issuer issuer = config.issuer();
    String base = config.site().baseUrl().map(URI::toString).orElse("");
    List<ArchiveEntry> newest =
        newestFirst(entries).stream().limit(config.site().feedEntries()).toList();
    List<FeedView.EntryView> items = new ArrayList<>();
    for (ArchiveEntry entry : newest) {
      String folder = base + folder(entry);
      ArchiveEntry.FileDigest pdf = entry.files().get(file(entry, Format.PDF.fileName(), config));
      items.add(
          new FeedView.EntryView(
              uuid(config, entry.week().toString()),
              messages.format(
                  "archive.entryTitle",
                  issuer.title(),
                  entry.week().toString(),
                  messages.format("archive.issueShort", String.valueOf(entry.issue().number())),
                  entry.tlp().label()),
              rfc3339(entry.published()),
              rfc3339(entry.updated()),
              folder + file(entry, Format.HTML.fileName(), config),
              folder + file(entry, Format.PDF.fileName(), config),
              pdf == null ? null : String.valueOf(pdf.size()),
              folder + file(entry, OutputLayout.JSON_FILE, config),
              entry.tlp().label(),
              summary(entry, messages, formats)));
    }
    String updated =
        newest.stream()
            .map(ArchiveEntry::updated)
            .max(Comparator.naturalOrder())
            .map(ArchiveRenderer::rfc3339)
            .orElse("1970-01-01T00:00:00Z");
    FeedView view =
        new FeedView(
            messages.locale().toLanguageTag(),
            uuid(config, "feed"),
            issuer.name() + " \u2013 " + issuer.title(),
            messages.format("archive.count", newest.size()),
            updated,
            base + own(OutputLayout.FEED_FILE, config),
            base.isEmpty() || !config.language().equals(config.mainLanguage())
                ? base + own(OutputLayout.INDEX_FILE, config)
                : base,
            issuer.name(),
            issuer.contact().email(),
            issuer.contact().web().orElse(null),
            items);
    return templates.render(FEED_TEMPLATE, Map.of("f", view)).getBytes(StandardCharsets.UTF_8);
  }

  private static String summary(ArchiveEntry entry, Messages messages, Formats formats) {
    String period = formats.period(entry.week().start(), entry.week().end());
    String crossBorder =
        entry.crossBorder().isPresent()
            ? messages.format(
                "archive.summary.crossBorder", formats.number(entry.crossBorder().getAsLong()))
            : "";
    String breaches =
        entry.breaches().isPresent()
            ? messages.format(
                "archive.summary.breaches", formats.number(entry.breaches().getAsLong()))
            : "";
    String exploited =
        entry.exploited() > 0
            ? messages.format("archive.summary.exploited", entry.exploited())
            : "";
    return messages.format(
        "archive.summary",
        period,
        entry.incidents(),
        crossBorder + breaches,
        entry.advisories(),
        exploited);
  }

  private String logo(Config config) {
    return config
        .issuer()
        .logo()
        .map(path -> new ResourceGuard(templatesDir).dataUri(path))
        .orElse(null);
  }

  private static List<ArchiveEntry> newestFirst(List<ArchiveEntry> entries) {
    return entries.stream()
        .filter(e -> e.tlp() == Tlp.CLEAR)
        .sorted(Comparator.comparing(ArchiveEntry::week).reversed())
        .toList();
  }

  private static String folder(ArchiveEntry entry) {
    return OutputLayout.archivePath(entry.week()) + "/";
  }

  private static String size(ArchiveEntry entry, String file) {
    ArchiveEntry.FileDigest digest = entry.files().get(file);
    if (digest == null) {
      return null;
    }
    long kib = (digest.size() + 1023) / 1024;
    return kib < 1024 ? kib + " KB" : String.format(Locale.ROOT, "%.1f MB", kib / 1024.0);
  }

  /**
   * A stable id from the issuer, a name and the language (but the main one's): it survives a move
   * of the archive to another address, and a bulletin that gains a language keeps its ids.
   */
  private static String uuid(Config config, String name) {
    String language =
        config.language().equals(config.mainLanguage())
            ? ""
            : ":" + config.language().toLanguageTag();
    return "urn:uuid:"
        + UUID.nameUUIDFromBytes(
            ("cert-bulletin:" + config.issuer().shortName() + ":" + name + language)
                .getBytes(StandardCharsets.UTF_8));
  }

  /** One of the archive's own files in the language of {@code config}. */
  private static String own(String name, Config config) {
    return OutputLayout.inLanguage(name, config.language(), config.mainLanguage());
  }

  /**
   * A file of {@code entry} in the language of {@code config}; the main language's where the entry
   * has no such file (a week kept from before the language was added, and not rendered since).
   */
  private static String file(ArchiveEntry entry, String name, Config config) {
    String inLanguage = own(name, config);
    return entry.files().containsKey(inLanguage) ? inLanguage : name;
  }

  /** The index in every language of the bulletin, none if there is only one. */
  private static List<TranslationView> translations(Config config) {
    if (config.languages().size() < 2) {
      return List.of();
    }
    return config.languages().stream()
        .map(
            language ->
                new TranslationView(
                    language.toLanguageTag(),
                    language.getDisplayLanguage(language),
                    OutputLayout.inLanguage(
                        OutputLayout.INDEX_FILE, language, config.mainLanguage()),
                    language.equals(config.language())))
        .toList();
  }

  private static String rfc3339(OffsetDateTime time) {
    return rfc3339(time.toInstant());
  }

  private static String rfc3339(Instant time) {
    return time.atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
