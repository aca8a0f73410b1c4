package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.ingest.WeekWriter;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.testing.PdfAValidation;
import org.certbulletin.testing.PdfStructure;
import org.certbulletin.testing.PdfStructure.Element;
import org.certbulletin.testing.SampleWorkspace;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * The sample week's PDFs are tagged for accessibility (PDF/UA-1 and PDF/A-3a), read back with
 * PDFBox; each property is checked against the same bulletin rendered untagged, which lacks it.
 */
@Tag("slow")
class PdfAccessibilityTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");

  @TempDir static Path root;

  static byte[] english;
  static byte[] chinese;
  static byte[] untagged;
  static Document html;
  static Document chineseHtml;
  static PdfStructure tags;
  static PdfStructure chineseTags;
  static PdfStructure noTags;

  @BeforeAll
  static void render() {
    SampleWorkspace sample = SampleWorkspace.copyAsShipped(root);
    DataDirectory data = new DataDirectory(sample.workspace().data());
    Path templates = sample.workspace().templates();
    BulletinRenderer renderer = new BulletinRenderer(templates);
    RenderedBulletin en = render(renderer, data.bulletin(W51, Locale.ENGLISH));
    RenderedBulletin zh = render(renderer, data.bulletin(W51, Locale.forLanguageTag("zh-CN")));
    english = en.file(Format.PDF).orElseThrow();
    chinese = zh.file(Format.PDF).orElseThrow();
    html = Jsoup.parse(new String(en.file(Format.HTML).orElseThrow(), StandardCharsets.UTF_8));
    chineseHtml =
        Jsoup.parse(new String(zh.file(Format.HTML).orElseThrow(), StandardCharsets.UTF_8));
    untagged =
        render(BulletinRenderer.untaggedForBenchmark(templates), data.bulletin(W51, Locale.ENGLISH))
            .file(Format.PDF)
            .orElseThrow();
    tags = PdfStructure.of(english);
    chineseTags = PdfStructure.of(chinese);
    noTags = PdfStructure.of(untagged);
  }

  @Test
  void theEnglishEditionIsPdfUa1AndPdfA3a() {
    assertThat(PdfAValidation.failures(english, List.of(PDFAFlavour.PDFUA_1, PDFAFlavour.PDFA_3_A)))
        .isEmpty();
    assertThat(PdfAValidation.failures(untagged, PDFAFlavour.PDFUA_1)).isNotEmpty();
  }

  @Test
  void theChineseEditionIsPdfUa1AndPdfA3a() {
    assertThat(PdfAValidation.failures(chinese, List.of(PDFAFlavour.PDFUA_1, PDFAFlavour.PDFA_3_A)))
        .isEmpty();
  }

  @Test
  void headingsAreOneH1ThenH2AndH3WithoutSkippingALevel() {
    List<String> headings = headings(tags);
    assertThat(headings).first().isEqualTo("H1");
    assertThat(headings).filteredOn("H1"::equals).hasSize(1);
    assertThat(headings).contains("H2", "H3");
    for (int i = 1; i < headings.size(); i++) {
      assertThat(level(headings.get(i)))
          .as("heading %d (%s) after %s", i, headings.get(i), headings.get(i - 1))
          .isLessThanOrEqualTo(level(headings.get(i - 1)) + 1);
    }
    assertThat(tags.elements("H2"))
        .extracting(Element::text)
        .containsExactly(
            "The week in brief",
            "Key figures",
            "Trends",
            "Incident highlights",
            "Vulnerabilities of the week",
            "Security advisories",
            "Coordination partners",
            "Notes",
            "About this bulletin");
    assertThat(headings(noTags)).isEmpty();
  }

  @Test
  void tableHeadersAreThWithTheirScope() {
    List<Element> headers = tags.elements("TH");
    assertThat(headers).allSatisfy(th -> assertThat(th.scope()).as(th.text()).isPresent());
    assertThat(headers)
        .filteredOn(th -> th.scope().orElseThrow().equals("Column"))
        .extracting(Element::text)
        .containsExactly(
            "Severity",
            "Vulnerabilities",
            "Share",
            "Change vs. last week",
            "Affected object",
            "Vulnerabilities",
            "Share",
            "Change vs. last week",
            "Advisory",
            "Product",
            "Severity",
            "Details",
            "Type",
            "Organisation",
            "Cases");
    assertThat(headers)
        .filteredOn(th -> th.scope().orElseThrow().equals("Row"))
        .extracting(Element::text)
        .contains("High", "Application", "Sample Telecom", "Demo Cloud", "Total")
        .as("severities and objects with their totals, advisories, partners with theirs")
        .hasSize(3 + 1 + 7 + 1 + 4 + 6 + 1);
    assertThat(noTags.elements("TH")).isEmpty();
  }

  @Test
  void eachChartIsAFigureWhoseAltIsItsTextAlternative() {
    // the page draws each chart wide and narrow, with one text alternative; the PDF the wide only
    List<String> alternatives = html.select("figure.chart svg.chart-wide > desc").eachText();
    assertThat(alternatives).hasSize(4);
    assertThat(html.select("figure.chart svg.chart-narrow > desc").eachText())
        .isEqualTo(alternatives);
    assertThat(alternatives.get(0))
        .contains(
            "incidents handled rose from 118 in W44 to 146 in W51;"
                + " cross-border incidents rose from 71 in W44 to 92 in W51");
    assertThat(alternatives.get(2)).contains("critical 1, high 2, medium 1 and low 0");
    assertThat(tags.elements("Figure"))
        .extracting(Element::alt)
        .containsExactly(
            "Sample National CERT",
            alternatives.get(0),
            alternatives.get(1),
            alternatives.get(2),
            alternatives.get(3));
    assertThat(chineseTags.elements("Figure"))
        .extracting(Element::alt)
        .containsSubsequence(chineseHtml.select("figure.chart svg.chart-wide > desc").eachText())
        .anySatisfy(alt -> assertThat(alt).contains("上升至"));
    assertThat(noTags.elements("Figure")).isEmpty();
  }

  @Test
  void everyLinkHasAnAlternateDescriptionAndItsPlaceInTheStructure() {
    assertThat(tags.links())
        .hasSizeGreaterThan(5)
        .allSatisfy(link -> assertThat(link.contents()).as(link.uri()).isNotBlank());
    assertThat(tags.links())
        .anySatisfy(link -> assertThat(link.contents()).isEqualTo("CVE-2024-43767"));
    assertThat(tags.links()).allMatch(PdfStructure.Link::inStructure);
    assertThat(noTags.links()).noneMatch(PdfStructure.Link::inStructure);
  }

  @Test
  void theCatalogAndTheDocumentElementCarryTheEditionsLanguage() {
    assertThat(tags.catalogLanguage()).isEqualTo("en");
    assertThat(tags.elements("Document")).extracting(Element::lang).containsExactly("en");
    assertThat(chineseTags.catalogLanguage()).isEqualTo("zh-CN");
    assertThat(chineseTags.elements("Document")).extracting(Element::lang).containsExactly("zh-CN");
    assertThat(tags.marked()).isTrue();
    assertThat(noTags.marked()).isFalse();
  }

  @Test
  void aSpanInAnotherLanguageCarriesItsLanguage() {
    PdfRenderer renderer =
        new PdfRenderer(new ResourceGuard(Path.of("templates")), FontSet.shipped(), true, true);
    String withLang = page("<span lang=\"fr\">un texte en fran\u00e7ais</span>");
    String withoutLang = page("<span>un texte en fran\u00e7ais</span>");
    assertThat(PdfStructure.of(renderer.render(withLang, metadata())).elements())
        .anySatisfy(
            e -> {
              assertThat(e.lang()).isEqualTo("fr");
              assertThat(e.text()).isEqualTo("un texte en fran\u00e7ais");
            });
    assertThat(PdfStructure.of(renderer.render(withoutLang, metadata())).elements())
        .noneMatch(e -> "fr".equals(e.lang()));
  }

  @Test
  void theRunningHeaderAndFooterAreArtifactsAndTheTlpLabelIsReadOnceAtTheTop() {
    String artifacts = String.join("\n", tags.artifacts());
    assertThat(artifacts)
        .contains("SN-CERT \u00b7 Weekly Security Bulletin 2024-W51", "TLP:CLEAR", "Page");
    List<Element> elements = tags.elements();
    assertThat(elements)
        .extracting(Element::text)
        .noneMatch(text -> text.contains("SN-CERT \u00b7 Weekly"))
        .noneMatch(text -> text.startsWith("Page "));
    int tlp = indexOf(elements, e -> e.text().equals("TLP:CLEAR") && e.alt() != null);
    int h1 = indexOf(elements, e -> e.type().equals("H1"));
    assertThat(tlp).as("the TLP label before the title").isBetween(0, h1);
    assertThat(elements.get(tlp).alt()).startsWith("Recipients can spread this to the world");
    assertThat(noTags.artifacts()).isEmpty();
  }

  private static RenderedBulletin render(BulletinRenderer renderer, Bulletin bulletin) {
    return renderer.render(
        bulletin, WeekWriter.write(bulletin.week()), EnumSet.allOf(Format.class));
  }

  private static List<String> headings(PdfStructure structure) {
    return structure.elements().stream()
        .map(Element::type)
        .filter(type -> type.matches("H[1-6]"))
        .toList();
  }

  private static int level(String heading) {
    return heading.charAt(1) - '0';
  }

  private static int indexOf(List<Element> elements, java.util.function.Predicate<Element> test) {
    for (int i = 0; i < elements.size(); i++) {
      if (test.test(elements.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static String page(String span) {
    return "<html xmlns=\"http://www.w3.org/1999/xhtml\""
        + " lang=\"en\"><head><title>Lang</title><style>body { font-family: 'Liberation"
        + " Sans'; }</style></head><body><h1>Languages</h1><p>English text and "
        + span
        + ".</p></body></html>";
  }

  private static PdfMetadata metadata() {
    return new PdfMetadata(
        "Lang",
        "Tests",
        "A span in another language",
        List.of(),
        "en",
        OffsetDateTime.parse("2024-12-25T10:00:00+08:00"),
        new PdfMetadata.Attachment(
            "data.json",
            "application/json",
            "data",
            "Source",
            "{}".getBytes(StandardCharsets.UTF_8)));
  }
}
