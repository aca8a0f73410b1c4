package org.certbulletin.render;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.Advisory;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Change;
import org.certbulletin.model.Config;
import org.certbulletin.model.Epss;
import org.certbulletin.model.Format;
import org.certbulletin.model.Highlight;
import org.certbulletin.model.Kev;
import org.certbulletin.model.Partner;
import org.certbulletin.model.Percent;
import org.certbulletin.model.Printable;
import org.certbulletin.model.Severity;
import org.certbulletin.model.Tally;
import org.certbulletin.model.TallyCatalogue;
import org.certbulletin.model.TallyDefinition;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.Week;
import org.certbulletin.render.BulletinView.AdvisoriesView;
import org.certbulletin.render.BulletinView.AdvisoryView;
import org.certbulletin.render.BulletinView.ChangeView;
import org.certbulletin.render.BulletinView.ChartView;
import org.certbulletin.render.BulletinView.FigureView;
import org.certbulletin.render.BulletinView.HighlightView;
import org.certbulletin.render.BulletinView.IssuerView;
import org.certbulletin.render.BulletinView.LinkView;
import org.certbulletin.render.BulletinView.PartView;
import org.certbulletin.render.BulletinView.PartnerView;
import org.certbulletin.render.BulletinView.ScoreView;
import org.certbulletin.render.BulletinView.SectionView;
import org.certbulletin.render.BulletinView.SituationView;
import org.certbulletin.render.BulletinView.TlpView;
import org.certbulletin.render.BulletinView.TranslationView;

/** Turns a bulletin into the view its templates render, formatting every value on the way. */
final class ViewFactory {

  /** Stand-ins for the percentages in a change's card wording, where the card puts them. */
  private static final String SIGNED = "\ue000";

  private static final String MAGNITUDE = "\ue001";

  /**
   * An advisory's CVE list up to this long is shown whole; a longer one (a patch day lists
   * thousands) shows its first {@link #CVES_SHOWN} and counts the others.
   */
  static final int CVES_AT_MOST = 30;

  static final int CVES_SHOWN = 20;

  private final Messages messages;
  private final Formats formats;
  private final Summary summary;
  private final ChartFactory charts;
  private final TallyLabels labels;
  private final VulnerabilitySection vulnerabilities;
  private final RevisionNotes revisions;

  ViewFactory(Messages messages) {
    this.messages = messages;
    this.formats = new Formats(messages);
    this.labels = new TallyLabels(messages);
    this.summary = new Summary(messages, formats, labels);
    this.charts = new ChartFactory(messages, formats, labels);
    this.vulnerabilities =
        new VulnerabilitySection(messages, formats, labels, charts, this::change);
    this.revisions = new RevisionNotes(messages, formats, labels);
  }

  Messages messages() {
    return messages;
  }

  RevisionNotes revisions() {
    return revisions;
  }

  BulletinView create(Bulletin bulletin, String medium, String logo) {
    Week week = bulletin.week();
    Config config = bulletin.config();
    List<Advisory> advisories = week.advisories().stream().sorted(Summary.order()).toList();
    String title = config.issuer().title();
    String weekId = week.id().toString();
    List<ChartView> charts = this.charts.create(bulletin, advisories);
    Optional<VulnerabilitiesView> vulnerabilities = this.vulnerabilities.create(bulletin);
    List<SectionView> sections = sections(week, vulnerabilities.isPresent());
    return new BulletinView(
        messages.locale().toLanguageTag(),
        medium,
        title + " " + weekId + " \u2013 " + config.issuer().name(),
        title,
        IssuerView.of(config, logo),
        tlp(week.tlp()),
        messages.format("about.tlp.marking", week.tlp().label()),
        week.sample(),
        revisions.create(bulletin, medium).orElse(null),
        messages.isolate(weekId),
        messages.format(
            "issue.line",
            String.valueOf(week.issue().volume()),
            String.valueOf(week.issue().number())),
        week.issue().total().isPresent()
            ? messages.format("issue.total", week.issue().total().getAsInt())
            : null,
        formats.period(week.id().start(), week.id().end()),
        messages.format(
            "published.label", formats.dateTime(week.published(), config.issuer().zone())),
        week.published().toString(),
        week.situation()
            .map(
                s ->
                    new SituationView(
                        s.rating().code(),
                        messages.get("situation." + s.rating().code()),
                        s.text().orElse(null)))
            .orElse(null),
        summary.write(bulletin, advisories),
        figures(bulletin),
        charts,
        week.highlights().stream().map(h -> highlight(h, week.tlp())).toList(),
        vulnerabilities.orElse(null),
        advisories(
            advisories,
            week,
            cveListPlace(bulletin, medium),
            config.catalogue().find(TallyCatalogue.VULNERABILITIES_BY_OBJECT).orElseThrow()),
        week.partners().stream().map(this::partner).toList(),
        partnersTotal(week.partners()),
        week.notes(),
        Arrays.stream(Tlp.values()).map(this::tlp).toList(),
        sections,
        translations(bulletin, medium),
        config.pageSize().css(),
        fonts(),
        messages.all());
  }

  /**
   * Every edition of this week in the bulletin's languages, this one included, none if there is
   * only one. A page links to the page beside it; a PDF and an email to the public archive's copy
   * where there is one (a TLP:CLEAR edition and a base address), else a PDF to the file beside it
   * and an email to nothing. A page and an email name each language in that language, as readers
   * look for it; a PDF names it in its own language, so that an English PDF does not embed a
   * Chinese font for one word.
   */
  private static List<TranslationView> translations(Bulletin bulletin, String medium) {
    Config config = bulletin.config();
    if (config.languages().size() < 2) {
      return List.of();
    }
    Week week = bulletin.week();
    boolean print = medium.equals("print");
    Format format = print ? Format.PDF : Format.HTML;
    // an earlier version a correction superseded lives in its own folder, beside its translations
    String folder =
        bulletin
            .revision()
            .filter(r -> r.supersededBy().isPresent())
            .map(r -> OutputLayout.versionPath(week.id(), r.version()))
            .orElse(OutputLayout.archivePath(week.id()));
    Optional<String> base =
        week.tlp() == Tlp.CLEAR
            ? config.site().baseUrl().map(url -> url + folder + "/")
            : Optional.empty();
    if (medium.equals("email") && base.isEmpty()) {
      return List.of();
    }
    List<TranslationView> views = new ArrayList<>();
    for (Locale language : config.languages()) {
      String file = OutputLayout.inLanguage(format.fileName(), language, config.mainLanguage());
      String href = medium.equals("screen") ? file : base.orElse("") + file;
      views.add(
          new TranslationView(
              language.toLanguageTag(),
              print
                  ? language.getDisplayLanguage(config.language())
                  : language.getDisplayLanguage(language),
              href,
              language.equals(config.language())));
    }
    return views;
  }

  /** The edition's font stacks, from the fonts shipped in the build. */
  private BulletinView.FontsView fonts() {
    FontStacks stacks = FontSet.shipped().stacksFor(messages.locale());
    return new BulletinView.FontsView(
        FontStacks.css(stacks.text()),
        FontStacks.css(stacks.code()),
        FontStacks.css(stacks.mono()),
        FontStacks.css(stacks.latin()));
  }

  TlpView tlp(Tlp tlp) {
    return new TlpView(
        tlp.code(), tlp.label(), tlp.slug(), tlp.colour(), messages.get("tlp." + tlp.code()));
  }

  /** The key figures: each tally of the grid that the week reports, in the catalogue's order. */
  private List<FigureView> figures(Bulletin bulletin) {
    List<FigureView> figures = new ArrayList<>();
    for (TallyDefinition definition : bulletin.config().catalogue().all()) {
      if (!definition.keyFigure()) {
        continue;
      }
      String key = definition.key();
      bulletin
          .week()
          .tally(key)
          .ifPresent(
              tally ->
                  figures.add(
                      new FigureView(
                          key,
                          labels.label(definition),
                          messages.isolate(formats.count(tally.value())),
                          formats.count(tally.value()).equals(formats.number(tally.value()))
                              ? null
                              : messages.isolate(formats.number(tally.value())),
                          definition.unit().orElse(null),
                          change(bulletin.change(key).orElseThrow()),
                          parts(
                              definition, tally, BreakdownOrder.of(definition, tally.breakdown())),
                          parts(definition, tally, List.copyOf(tally.ofWhich().entrySet())))));
    }
    return figures;
  }

  /** A card's parts, in the order given: a breakdown's is {@link BreakdownOrder}'s. */
  private List<PartView> parts(
      TallyDefinition definition, Tally tally, List<Map.Entry<String, Long>> parts) {
    return parts.stream()
        .map(
            e ->
                new PartView(
                    e.getKey(),
                    labels.part(definition, e.getKey()),
                    messages.isolate(formats.number(e.getValue())),
                    messages.isolate(formats.share(e.getValue(), tally.value())),
                    width(e.getValue(), tally.value())))
        .toList();
  }

  private ChangeView change(Change change) {
    String direction = change.direction().name().toLowerCase(Locale.ROOT);
    return switch (change.direction()) {
      case UP, DOWN -> {
        BigDecimal percent = change.percent().orElseThrow();
        String previous = formats.number(change.previous().getAsLong());
        String signed = messages.isolate(formats.signedPercent(percent));
        yield changeView(
            direction,
            change.direction() == Change.Direction.UP ? "\u25b2" : "\u25bc",
            signed,
            messages.isolate(formats.percent(percent.abs())),
            messages.format("change." + direction, formats.percent(percent.abs()), previous),
            messages.format("change.aria." + direction, formats.percent(percent.abs())));
      }
      case UNCHANGED -> {
        String text = messages.get("change.unchanged");
        yield changeView(direction, "=", "0.0%", "0.0%", text, text);
      }
      case NEW -> {
        String text = messages.get("change.new");
        String shortText = messages.getOr("change.newShort", "new");
        yield changeView(direction, "\u2605", shortText, shortText, text, text);
      }
      case UNKNOWN -> {
        String text = messages.get("change.unknown");
        yield changeView(direction, "\u2013", "n/a", "n/a", text, text);
      }
    };
  }

  /**
   * The change as its card words it, from the bundle's {@code change.card.DIRECTION}: <code>{0}
   * </code> is the signed percentage, <code>{1}</code> its magnitude, either shown in bold, and the
   * words around it are the card's ({@code {0} vs. last week}, {@code 环比上升{1}}, {@code 与上周持平}).
   */
  private ChangeView changeView(
      String direction, String arrow, String signed, String magnitude, String text, String aria) {
    String pattern =
        messages.getOr("change.card." + direction, "{0} " + messages.getOr("change.vsLast", ""));
    String words =
        new java.text.MessageFormat(pattern, messages.locale())
            .format(new Object[] {SIGNED, MAGNITUDE});
    int at = words.indexOf(SIGNED);
    String shown = signed;
    if (at < 0) {
      at = words.indexOf(MAGNITUDE);
      shown = magnitude;
    }
    if (at < 0) {
      return new ChangeView(direction, arrow, signed, text, aria, words.strip(), "", "");
    }
    return new ChangeView(
        direction,
        arrow,
        signed,
        text,
        aria,
        words.substring(0, at),
        shown,
        words.substring(at + 1));
  }

  private HighlightView highlight(Highlight highlight, Tlp edition) {
    return new HighlightView(
        highlight.title(),
        paragraphs(highlight.narrative()),
        highlight.sector().orElse(null),
        highlight.vector().orElse(null),
        highlight.tlp() == edition ? null : tlp(highlight.tlp()));
  }

  /**
   * Where a reader of this medium finds an advisory's full list of CVEs: the edition's JSON beside
   * the page, or attached to the PDF.
   */
  private String cveListPlace(Bulletin bulletin, String medium) {
    Config config = bulletin.config();
    String attached = bulletin.week().id() + ".json";
    return switch (medium) {
      case "print" ->
          messages.formatOr("advisories.cves.inThisPdf", "{0}, attached to this PDF", attached);
      case "email" ->
          messages.formatOr("advisories.cves.inPdf", "{0}, attached to the PDF", attached);
      default ->
          OutputLayout.inLanguage(OutputLayout.JSON_FILE, config.language(), config.mainLanguage());
    };
  }

  private AdvisoriesView advisories(
      List<Advisory> advisories, Week week, String cveListPlace, TallyDefinition objects) {
    Tlp edition = week.tlp();
    List<AdvisoryView> items =
        advisories.stream().map(a -> advisory(a, edition, cveListPlace, objects)).toList();
    List<AdvisoryView> kevAdded = new ArrayList<>();
    for (int i = 0; i < advisories.size(); i++) {
      if (advisories.get(i).kev().stream().anyMatch(k -> k.addedIn(week.id()))) {
        kevAdded.add(items.get(i));
      }
    }
    List<PartView> bySeverity = new ArrayList<>();
    Severity.count(advisories)
        .forEach(
            (severity, count) -> {
              if (count > 0) {
                bySeverity.add(
                    new PartView(
                        severity.code(),
                        messages.get("severity." + severity.code()),
                        messages.isolate(formats.number(count)),
                        messages.isolate(formats.share(count, advisories.size())),
                        width(count, advisories.size())));
              }
            });
    return new AdvisoriesView(
        items,
        items.stream().filter(AdvisoryView::exploited).toList(),
        messages.getOr("advisories.kevAdded.title", "Added to CISA's KEV catalogue this week"),
        kevAdded,
        bySeverity,
        messages.format("advisories.count", advisories.size()));
  }

  /**
   * An advisory as its row shows it; {@code objects} names the type of object it affects (the parts
   * of the vulnerabilities by affected object).
   */
  private AdvisoryView advisory(
      Advisory advisory, Tlp edition, String cveListPlace, TallyDefinition objects) {
    List<LinkView> cves =
        advisory.cves().stream()
            .map(id -> new LinkView(messages.isolate(id), "https://www.cve.org/CVERecord?id=" + id))
            .toList();
    int shown = cves.size() <= CVES_AT_MOST ? cves.size() : CVES_SHOWN;
    return new AdvisoryView(
        messages.isolate(advisory.id()),
        "adv-" + advisory.id().replaceAll("[^A-Za-z0-9_-]", "-"),
        advisory.title(),
        advisory.vendor(),
        advisory.product(),
        advisory.versions().orElse(null),
        advisory
            .fixedVersions()
            .map(v -> messages.getOr("advisories.fixed", "Fixed") + messages.get("punct.colon") + v)
            .orElse(null),
        advisory.severity().code(),
        messages.get("severity." + advisory.severity().code()),
        advisory.topScore().map(c -> c.score().toPlainString()).orElse(null),
        advisory.cvss().stream()
            .map(
                c ->
                    new ScoreView(
                        messages.isolate(
                            "CVSS "
                                + (advisory.cvss().size() > 1 ? c.version() + " " : "")
                                + c.score().toPlainString()),
                        c.vector().orElse(null)))
            .toList(),
        advisory.epss().map(this::epss).orElse(null),
        advisory.exploited(),
        advisory.zeroDay(),
        advisory.kev().isEmpty() ? null : "KEV",
        advisory.kev().isEmpty() ? null : kev(advisory.kev()),
        advisory.summary(),
        advisory.remediation().orElse(null),
        cves,
        cves.subList(0, shown),
        shown == cves.size()
            ? null
            : messages.formatOr(
                "advisories.cves.more",
                "and {0} more CVEs (full list in {1})",
                formats.number(cves.size() - shown),
                cveListPlace),
        advisory.references().stream().map(url -> new LinkView(shortUrl(url), url)).toList(),
        advisory.published().map(formats::date).map(messages::isolate).orElse(null),
        advisory.tlp() == edition ? null : tlp(advisory.tlp()),
        advisory.affectedObject().map(key -> labels.part(objects, key)).orElse(null));
  }

  /**
   * {@code EPSS 97.4%, percentile 99}, in the edition's numbers; the percentile rounded down, so
   * that only the very top reads 100.
   */
  private String epss(Epss epss) {
    return messages.formatOr(
        "advisories.epss",
        "EPSS {0}, percentile {1}",
        epss.score().movePointRight(2).compareTo(new BigDecimal("0.05")) < 0
            ? "<" + formats.percent(new BigDecimal("0.1"))
            : formats.percent(epss.score().movePointRight(2)),
        formats.number(epss.percentile().movePointRight(2).longValue()));
  }

  /** Since when the catalogue lists the advisory, and CISA's earliest due date. */
  private String kev(List<Kev> entries) {
    LocalDate added =
        entries.stream().map(Kev::dateAdded).min(Comparator.naturalOrder()).orElseThrow();
    Optional<LocalDate> due =
        entries.stream().map(Kev::dueDate).flatMap(Optional::stream).min(Comparator.naturalOrder());
    String text =
        messages.formatOr(
            "advisories.kev.detail",
            "In CISA''s Known Exploited Vulnerabilities catalogue since {0}",
            formats.date(added));
    if (due.isPresent()) {
      text +=
          messages.formatOr(
              "advisories.kev.due",
              "; US federal agencies must remediate by {0}",
              formats.date(due.get()));
    }
    if (entries.stream().anyMatch(Kev::ransomware)) {
      text += messages.getOr("advisories.kev.ransomware", "; known to be used by ransomware");
    }
    return text + messages.getOr("advisories.kev.end", ".");
  }

  private PartnerView partner(Partner partner) {
    return new PartnerView(
        messages.get("partner." + partner.type().code()),
        partner.name(),
        partner.cases().isPresent() ? formats.number(partner.cases().getAsLong()) : null);
  }

  /**
   * The cases of the week's partners added up, those without a count left out; null where a total
   * would say nothing (fewer than two partners) or nothing true (none has a count).
   */
  private String partnersTotal(List<Partner> partners) {
    if (partners.size() < 2 || partners.stream().noneMatch(p -> p.cases().isPresent())) {
      return null;
    }
    long total = partners.stream().mapToLong(p -> p.cases().orElse(0)).sum();
    return formats.number(total);
  }

  private List<SectionView> sections(Week week, boolean vulnerabilities) {
    List<SectionView> sections = new ArrayList<>();
    sections.add(section("summary"));
    sections.add(section("figures"));
    sections.add(section("charts"));
    sections.add(section("highlights"));
    if (vulnerabilities) {
      sections.add(section("vulnerabilities"));
    }
    sections.add(section("advisories"));
    sections.add(section("partners"));
    if (!week.notes().isEmpty()) {
      sections.add(section("notes"));
    }
    sections.add(section("about"));
    return sections;
  }

  private SectionView section(String id) {
    return new SectionView(id, messages.get("section." + id));
  }

  private static List<String> paragraphs(String text) {
    return Arrays.stream(text.split("\\n\\s*\\n"))
        .map(String::strip)
        .filter(p -> !p.isEmpty())
        .toList();
  }

  private static String shortUrl(String url) {
    return Printable.of(url.replaceFirst("^https?://", ""), 60);
  }

  private static String width(long part, long whole) {
    return Percent.of(part, whole).map(BigDecimal::toPlainString).orElse("0");
  }
}
