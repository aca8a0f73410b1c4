package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.testing.PdfText;
import org.certbulletin.testing.SampleWorkspace;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped sample's Chinese edition in CNCERT's register, read back from the PDF and the HTML:
 * large counts in 万, changes in Chinese word order, 北京时间, CVSS向量, versions in Chinese, Chinese
 * dashes, and body prose set with a two-character indent. The English edition of the same build is
 * the control where the register differs.
 */
class ChineseRegisterTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");

  @TempDir static Path root;

  static Document chinese;
  static Document english;
  static byte[] chinesePdf;
  static byte[] englishPdf;

  @BeforeAll
  static void build() throws IOException {
    SampleWorkspace sample = SampleWorkspace.copyAsShipped(root);
    new BulletinService(sample.workspace()).build(W51, EnumSet.allOf(Format.class));
    Path folder = sample.out().resolve("site/2024/W51");
    chinese = Jsoup.parse(folder.resolve("bulletin.zh-CN.html").toFile());
    english = Jsoup.parse(folder.resolve("bulletin.html").toFile());
    chinesePdf = Files.readAllBytes(folder.resolve("bulletin.zh-CN.pdf"));
    englishPdf = Files.readAllBytes(folder.resolve("bulletin.pdf"));
  }

  @Test
  void theChinesePdfReadsInCncertsWords() {
    // a line of Chinese may break anywhere, even inside "1.7.0及更早版本": read the lines as one
    String text = String.join("", PdfText.pages(chinesePdf)).replace("\n", "");

    assertThat(text)
        .contains("感染恶意程序的主机252万台")
        .contains("252万")
        .contains("环比上升5.8%")
        .contains("环比下降5.6%")
        .contains("2024年12月25日 10:00（北京时间）发布")
        .contains("CVSS向量：CVSS:3.1/AV:L")
        .contains("1.7.0及更早版本")
        .contains("Android 12、12L、13、14和15")
        .containsPattern("良\\s?——五级评价")
        .doesNotContain("and earlier")
        .doesNotContain("before")
        .doesNotContain("UTC+08:00")
        .doesNotContain("2,520,000")
        .doesNotContain("+5.8%");
    assertThat(String.join("\n", PdfText.pages(englishPdf)))
        .as("control: the English edition of the same build")
        .contains("1.7.0 and earlier")
        .contains("2,520,000")
        .contains("(UTC+08:00)")
        .contains("+5.8% vs. last week");
  }

  @Test
  void aKeyFigureInWanKeepsItsExactCountForWhoAsks() {
    Element hosts = chinese.selectFirst(".figure-infected_hosts .figure-value");

    assertThat(hosts.ownText()).isEqualTo("252万");
    assertThat(hosts.attr("title")).isEqualTo("2,520,000");
    assertThat(hosts.select(".visually-hidden").text()).isEqualTo("（2,520,000）");
    assertThat(chinese.selectFirst(".figure-incidents .figure-value").hasAttr("title"))
        .as("146 is stated exactly, so it has nothing more to say")
        .isFalse();
    assertThat(english.selectFirst(".figure-infected_hosts .figure-value").text())
        .isEqualTo("2,520,000");
  }

  @Test
  void changesReadInChineseWordOrderWithTheArrowBefore() {
    assertThat(chinese.selectFirst(".figure-incidents .change").text()).startsWith("▲ 环比上升5.8%");
    assertThat(chinese.selectFirst(".figure-incidents .change .percent").text()).isEqualTo("5.8%");
    assertThat(chinese.selectFirst(".figure-data_breaches .change").text())
        .startsWith("▼ 环比下降5.6%");
    assertThat(english.selectFirst(".figure-incidents .change").text())
        .startsWith("▲ +5.8% vs. last week");
  }

  @Test
  void theSummarySaysWhatItsHighlightsSentenceCounts() {
    String summary = String.join("\n", chinese.select("#summary > p.prose").eachText());

    assertThat(summary).contains("为主。本周重要事件2起，详见“重要事件”部分。").doesNotContain("其中2起");
  }

  @Test
  void onlyRunningProseIsSetAsProse() {
    // the situation's text, three summary paragraphs, two highlights' narratives, one note
    assertThat(chinese.select("p.prose")).hasSize(1 + 3 + 2 + 1);
    assertThat(chinese.select("td p.prose, li p.prose, .figure p.prose, dl p.prose")).isEmpty();
    assertThat(chinese.select("#summary > p.prose").first().text()).startsWith("本周网络安全基本态势为良");
  }

  /**
   * In print the first line of a Chinese paragraph starts two characters in from the lines after
   * it, and its lines end flush at the right; an English paragraph starts at the margin and is
   * ragged.
   */
  @Test
  void chineseParagraphsAreIndentedTwoCharactersAndJustifiedInPrint() throws IOException {
    List<Line> zh = lines(chinesePdf);
    int opening = indexOfLineStarting(zh, "2024年第51周");
    Line first = zh.get(opening);
    Line second = zh.get(opening + 1);
    float em = second.firstWidth();

    assertThat(first.left() - second.left()).isBetween(1.8f * em, 2.2f * em);
    assertThat(Math.abs(first.right() - second.right()))
        .as("justified: both lines end at the column's edge")
        .isLessThan(1.0f);

    List<Line> en = lines(englishPdf);
    int control = indexOfLineStarting(en, "In week 51 of 2024");
    assertThat(en.get(control).left()).isEqualTo(en.get(control + 1).left());
  }

  private static int indexOfLineStarting(List<Line> lines, String start) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).text().startsWith(start)) {
        return i;
      }
    }
    throw new AssertionError("no line starts with " + start + " in " + lines);
  }

  /**
   * A line of text on the first page: where it starts and ends, and the width of its first glyph (a
   * Chinese character's is one em).
   */
  record Line(String text, float left, float right, float firstWidth) {}

  /** The lines of the first page, top to bottom, by the positions of their glyphs. */
  private static List<Line> lines(byte[] pdf) throws IOException {
    Map<Integer, List<TextPosition>> byBaseline = new TreeMap<>();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper =
          new PDFTextStripper() {
            @Override
            protected void processTextPosition(TextPosition text) {
              byBaseline
                  .computeIfAbsent(Math.round(text.getYDirAdj()), y -> new ArrayList<>())
                  .add(text);
            }
          };
      stripper.setStartPage(1);
      stripper.setEndPage(1);
      stripper.getText(document);
    }
    List<Line> lines = new ArrayList<>();
    for (List<TextPosition> glyphs : byBaseline.values()) {
      List<TextPosition> sorted =
          glyphs.stream().sorted((a, b) -> Float.compare(a.getXDirAdj(), b.getXDirAdj())).toList();
      StringBuilder text = new StringBuilder();
      sorted.forEach(g -> text.append(g.getUnicode()));
      TextPosition last = sorted.get(sorted.size() - 1);
      lines.add(
          new Line(
              text.toString(),
              sorted.get(0).getXDirAdj(),
              last.getXDirAdj() + last.getWidthDirAdj(),
              sorted.get(0).getWidthDirAdj()));
    }
    return lines;
  }
}
