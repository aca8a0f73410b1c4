package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.service.Workspace;
import org.certbulletin.testing.PdfAValidation;
import org.certbulletin.testing.PdfStructure;
import org.certbulletin.testing.PdfText;
import org.certbulletin.testing.SyntheticData;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * A busy week lays out correctly: a long PDF, rows never split, headers repeated. 300 advisories (a
 * dozen pages of the table) in {@code mvn verify}; {@code -Dlarge.advisories=1000} for the size a
 * patch-day week reaches.
 */
@Tag("slow")
class LargeWeekTest {

  private static final int ADVISORIES = Integer.getInteger("large.advisories", 300);
  private static final WeekId WEEK = WeekId.parse("2024-W51");

  @TempDir static Path root;

  static byte[] pdf;
  static List<String> pages;
  static Document html;

  @BeforeAll
  static void build() throws IOException {
    new SyntheticData(7).write(root.resolve("data"), WEEK.previous(), 2, ADVISORIES);
    Workspace workspace =
        new Workspace(root.resolve("data"), Path.of("templates"), root.resolve("out"));
    new BulletinService(workspace).build(WEEK, EnumSet.allOf(Format.class));
    Path folder = root.resolve("out/site/2024/W51");
    pdf = Files.readAllBytes(folder.resolve("bulletin.pdf"));
    pages = PdfText.pages(pdf).stream().map(LargeWeekTest::flatten).toList();
    html = Jsoup.parse(Files.readString(folder.resolve("bulletin.html")));
  }

  @Test
  void everyAdvisoryIsInBothFormats() {
    assertThat(html.select("table.advisories tbody tr")).hasSize(ADVISORIES);
    String text = String.join("\n", pages);
    for (int i = 1; i <= ADVISORIES; i++) {
      assertThat(text)
          .contains(flatten(String.format(java.util.Locale.ROOT, "SYN-2024-W51-%04d", i)));
    }
  }

  @Test
  void noAdvisoryRowIsSplitAcrossPages() {
    for (int i = 1; i <= ADVISORIES; i++) {
      String id = String.format(java.util.Locale.ROOT, "SYN-2024-W51-%04d", i);
      String summary = "(advisory " + i + " of the week)";
      int idPage = rowPageOf(id);
      assertThat(pageOf(summary)).as("summary of %s on the page of its id", id).isEqualTo(idPage);
      assertThat(
              pages
                  .get(idPage)
                  .indexOf(
                      flatten("restrict network access"), pages.get(idPage).indexOf(flatten(id))))
          .as("remediation of %s on the page of its id", id)
          .isPositive();
    }
  }

  @Test
  void theAdvisoryTableHeaderRepeatsOnEveryPageOfTheTable() {
    int first = rowPageOf("SYN-2024-W51-0001");
    long withRows = pages.stream().filter(p -> p.contains("SYN2024W51")).count();
    assertThat(withRows).as("pages with advisory rows").isGreaterThan(ADVISORIES / 25);
    for (int page = first + 1; page < pages.size(); page++) {
      if (pages.get(page).contains("SYN2024W51")) {
        assertThat(pages.get(page))
            .as("page %d", page + 1)
            .contains("AdvisoryProductSeverityDetails");
      }
    }
  }

  @Test
  void isPdfUa1AndPdfA3a() {
    assertThat(PdfAValidation.failures(pdf, List.of(PDFAFlavour.PDFUA_1, PDFAFlavour.PDFA_3_A)))
        .isEmpty();
  }

  /**
   * The header drawn again on each page of the table is an artifact: the structure has one THead,
   * so a screen reader does not read it sixty times.
   */
  @Test
  void theRepeatedTableHeaderIsAnArtifactAndTheStructureHasItOnce() {
    PdfStructure structure = PdfStructure.of(pdf);
    assertThat(structure.elements("TH"))
        .filteredOn(th -> th.scope().equals(java.util.Optional.of("Column")))
        .extracting(PdfStructure.Element::text)
        .containsExactly(
            "Severity",
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
    assertThat(structure.elements("TH"))
        .filteredOn(th -> th.scope().equals(java.util.Optional.of("Row")))
        .hasSizeGreaterThanOrEqualTo(ADVISORIES);
    long repeated = structure.artifacts().stream().filter("Details"::equals).count();
    assertThat(repeated).as("header repeats drawn as artifacts").isGreaterThan(ADVISORIES / 25);
  }

  @Test
  void theSummaryNamesAFewProductsAndCountsTheRest() {
    assertThat(html.select("#summary p").text()).containsPattern("and \\d+ more");
  }

  /**
   * Page text without line breaks or hyphens, since long ids wrap (and lose the hyphen) in narrow
   * cells.
   */
  private static String flatten(String text) {
    return text.replace("-", "").replaceAll("\\s+", "");
  }

  /**
   * The page of an advisory's table row: its last mention, as the exploited call-out comes before
   * the table.
   */
  private static int rowPageOf(String id) {
    for (int i = pages.size() - 1; i >= 0; i--) {
      if (pages.get(i).contains(flatten(id))) {
        return i;
      }
    }
    throw new AssertionError(id + " not found in the PDF");
  }

  private static int pageOf(String text) {
    for (int i = 0; i < pages.size(); i++) {
      if (pages.get(i).contains(flatten(text))) {
        return i;
      }
    }
    throw new AssertionError(text + " not found in the PDF");
  }
}
