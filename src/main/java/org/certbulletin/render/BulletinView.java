package org.certbulletin.render;

import java.util.List;
import java.util.Map;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.Config;

/**
 * What the bulletin templates see: one edition with every text already formatted in its language.
 * Absent values are {@code null}, which templates test with {@code ??}.
 *
 * @param medium {@code screen} for the web page, {@code print} for the PDF
 * @param revision the note of a correction or of a superseded version; null for a bulletin that
 *     shows no version
 * @param vulnerabilities {@code null} when the week reports no vulnerabilities tally
 * @param partnersTotal the partners' cases added up; null for fewer than two partners or none with
 *     a count of cases
 */
public record BulletinView(
    String lang,
    String medium,
    String documentTitle,
    String title,
    IssuerView issuer,
    TlpView tlp,
    String tlpMarking,
    boolean sample,
    RevisionView revision,
    String weekId,
    String issueLine,
    String totalLine,
    String period,
    String published,
    String publishedIso,
    SituationView situation,
    List<String> summary,
    List<FigureView> figures,
    List<ChartView> charts,
    List<HighlightView> highlights,
    VulnerabilitiesView vulnerabilities,
    AdvisoriesView advisories,
    List<PartnerView> partners,
    String partnersTotal,
    List<String> notes,
    List<TlpView> tlpLegend,
    List<SectionView> sections,
    List<TranslationView> translations,
    String pageSize,
    FontsView fonts,
    Map<String, String> msg) {

  /** The key figures in rows that leave no hole (see {@link FigureGrid}). */
  public List<FigureRow> figureRows() {
    return FigureGrid.rows(figures);
  }

  /** {@code rtl} for a language written right to left, else {@code ltr}: the page's direction. */
  public String dir() {
    return Messages.direction(lang);
  }

  /**
   * The edition's font stacks as CSS font-family values ({@code "Liberation Sans", Arial, ...}),
   * made from the fonts shipped in the build: its own fonts, then every other shipped font.
   *
   * @param text for text, in the page's style sheet and the charts
   * @param code for advisory ids and CVE ids
   * @param mono for what stays monospaced in every edition (a key's fingerprint)
   * @param latin for what is always in Latin letters (the TLP label)
   */
  public record FontsView(String text, String code, String mono, String latin) {}

  /** The issuing CERT. */
  /**
   * The issuing CERT as readers see it.
   *
   * @param openpgpFingerprint the fingerprint of the key the CERT signs with, spaced as {@code gpg}
   *     prints it; null when it does not sign
   * @param openpgpKey where the public key is published; null without a site address
   */
  public record IssuerView(
      String name,
      String shortName,
      String email,
      String phone,
      String web,
      String address,
      String logo,
      String openpgpFingerprint,
      String openpgpKey) {

    static IssuerView of(Config config, String logo) {
      var issuer = config.issuer();
      var contact = issuer.contact();
      return new IssuerView(
          issuer.name(),
          issuer.shortName(),
          contact.email(),
          contact.phone().orElse(null),
          contact.web().orElse(null),
          contact.address().orElse(null),
          logo,
          contact.openpgpFingerprint().orElse(null),
          contact
              .openpgpFingerprint()
              .flatMap(f -> config.site().baseUrl())
              .map(base -> base.resolve(OutputLayout.KEY_FILE).toString())
              .orElse(null));
    }
  }

  /**
   * What readers are told of the bulletin's version. Absent values are null.
   *
   * @param correctedIso when it was corrected (ISO-8601), for the page's {@code time} element
   * @param corrected the note's heading, {@code Corrected on 27 December 2024 (version 2)}
   * @param changes each change since the version before, in the edition's words
   * @param note the editor's note
   * @param history each version of the week, with when it was published
   * @param superseded the notice on an earlier version's page
   * @param currentHref where that page's reader finds the current version
   */
  public record RevisionView(
      String version,
      String correctedIso,
      String corrected,
      String changesTitle,
      List<String> changes,
      String noteTitle,
      String note,
      String historyTitle,
      List<String> history,
      String superseded,
      String currentLabel,
      String currentHref) {

    public RevisionView {
      changes = List.copyOf(changes);
      history = List.copyOf(history);
    }

    /** Whether it notes a correction (version 2 and later). */
    public boolean correction() {
      return corrected != null;
    }
  }

  /** A TLP label with its colour and meaning. */
  public record TlpView(String code, String label, String slug, String colour, String meaning) {}

  /** The analysts' rating of the week. */
  public record SituationView(String rating, String label, String text) {}

  /**
   * A headline figure with its change and parts.
   *
   * @param value as the language states a count ({@code 252万})
   * @param exact the exact count ({@code 2,520,000}) where {@code value} is not it, else null
   */
  public record FigureView(
      String key,
      String label,
      String value,
      String exact,
      String unit,
      ChangeView change,
      List<PartView> breakdown,
      List<PartView> ofWhich) {}

  /**
   * A row of the key figures' grid.
   *
   * @param wide a figure with its breakdown, alone in the row
   * @param lastSpansNarrow the last figure of the row takes both columns of a phone's two-column
   *     grid, as it closes an odd number of plain figures
   */
  public record FigureRow(boolean wide, List<FigureView> figures, boolean lastSpansNarrow) {
    public FigureRow {
      figures = List.copyOf(figures);
    }
  }

  /**
   * Week-over-week change of a figure.
   *
   * @param percent the signed percentage ({@code +5.8%}), for mail
   * @param lead the card's words before {@code shown} ({@code 环比上升}), trail those after ({@code vs.
   *     last week}), either may be empty
   * @param shown what the card shows in bold: the percentage as the language words the change
   *     ({@code +5.8%} in English, {@code 5.8%} after 环比上升), or nothing ({@code 与上周持平})
   */
  public record ChangeView(
      String direction,
      String arrow,
      String percent,
      String text,
      String aria,
      String lead,
      String shown,
      String trail) {}

  /** A part or subset of a figure, with its share. */
  public record PartView(String key, String label, String value, String share, String width) {}

  /**
   * A chart; {@code kind} is {@code line} or {@code bar}, or {@code none} for a chart with nothing
   * to draw (every value zero), which the bulletin replaces by the sentence {@code none}.
   *
   * @param wide the drawing for print and for screens wider than a phone's
   * @param narrow the drawing for a phone's screen (null for {@code none})
   * @param legend the lines of a line chart, in the order they are drawn
   */
  public record ChartView(
      String kind,
      String id,
      String title,
      String description,
      Drawing wide,
      Drawing narrow,
      List<SeriesView> legend,
      DataTable table,
      String none) {

    /** A chart left out: its title and the sentence in its place. */
    static ChartView none(String id, String title, String sentence) {
      return new ChartView("none", id, title, null, null, null, List.of(), null, sentence);
    }
  }

  /**
   * A chart drawn for one width: SVG geometry in user units, text at {@code fontSize} units.
   *
   * @param variant {@code wide} or {@code narrow}
   * @param labelsAbove whether a bar chart writes each label above its bar (no label column)
   */
  public record Drawing(
      String variant,
      int width,
      int height,
      int fontSize,
      List<AxisTick> yTicks,
      List<AxisTick> xTicks,
      List<SeriesView> series,
      List<BarView> bars,
      PlotArea plot,
      boolean labelsAbove) {}

  /** A chart's numbers as a table: the column headings, then one row per x position or bar. */
  public record DataTable(List<String> header, List<List<String>> rows) {
    public DataTable {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
    }
  }

  /** The rectangle that holds a chart's data. */
  public record PlotArea(int left, int top, int right, int bottom) {}

  /**
   * An axis label and its position; {@code newest} for the label of the last x position (this
   * week), which every drawing writes.
   */
  public record AxisTick(String label, String x, String y, boolean newest) {}

  /**
   * A line of a line chart; {@code latest} is its newest value written beside its last point (null
   * when the newest week has no value).
   */
  public record SeriesView(
      String name, String slug, List<String> paths, List<PointView> points, AxisTick latest) {}

  /** A data point of a line chart. */
  public record PointView(String x, String y, String label) {}

  /**
   * A bar of a bar chart: its label at ({@code labelX}, {@code labelY}), the bar from {@code x},
   * its value at {@code valueX}.
   */
  public record BarView(
      String label,
      String value,
      String slug,
      String labelX,
      String labelY,
      String x,
      String y,
      String width,
      String height,
      String valueX,
      String valueY) {}

  /** An incident narrative. */
  public record HighlightView(
      String title, List<String> paragraphs, String sector, String vector, TlpView tlp) {}

  /** The advisories of the edition, sorted, with counts. */
  public record AdvisoriesView(
      List<AdvisoryView> items,
      List<AdvisoryView> exploited,
      String kevAddedTitle,
      List<AdvisoryView> kevAdded,
      List<PartView> bySeverity,
      String count) {}

  /**
   * One advisory. {@code cves} are all its CVEs; a long list (a patch day's thousands) is shown as
   * {@code cvesShown}, the first few, and {@code cvesMore}, which counts the others and says where
   * the full list is (null when all are shown).
   */
  public record AdvisoryView(
      String id,
      String anchor,
      String title,
      String vendor,
      String product,
      String versions,
      String fixedVersions,
      String severity,
      String severityLabel,
      String score,
      List<ScoreView> scores,
      String epss,
      boolean exploited,
      boolean zeroDay,
      String kev,
      String kevDetail,
      String summary,
      String remediation,
      List<LinkView> cves,
      List<LinkView> cvesShown,
      String cvesMore,
      List<LinkView> references,
      String published,
      TlpView tlp,
      String affectedObject) {}

  /** A CVSS base score as shown ({@code CVSS 9.8}, with its version when there are two). */
  public record ScoreView(String label, String vector) {}

  /** A link with its text. */
  public record LinkView(String text, String href) {}

  /** A coordination partner. */
  public record PartnerView(String type, String name, String cases) {}

  /** A section of the bulletin, for the table of contents and PDF bookmarks. */
  public record SectionView(String id, String title) {}

  /**
   * This bulletin in another of its languages (or in its own, where {@code current}): the language
   * tag, its name as its readers write it, and the address of that edition for this medium.
   */
  public record TranslationView(String lang, String name, String href, boolean current) {}
}
