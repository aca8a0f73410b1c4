package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.testing.PdfFonts;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An edition in a language written right to left (Arabic) reads right to left, and a number or an
 * id stays where it belongs among the words: "١٤٦ حادثة" keeps its space, where a page laid out
 * left to right drew "١٤٦حادثة" (the space moved to the other side of the number).
 */
class RightToLeftEditionTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");
  private static final Locale ARABIC = Locale.forLanguageTag("ar");

  /** "In week {0} of {1} ({2}), {3} handled {4} incidents", in Arabic. */
  private static final String OPENING =
      "summary.opening=\u0641\u064a \u0627\u0644\u0623\u0633\u0628\u0648\u0639 {0,number,#}"
          + " \u0645\u0646 \u0639\u0627\u0645 {1,number,#} ({2})\u060c \u0639\u0627\u0644\u062c {3}"
          + " {4,choice,0#\u0644\u0627 \u062d\u0648\u0627\u062f\u062b|1<{4,number,integer}"
          + " \u062d\u0627\u062f\u062b\u0629}\n"
          + "metric.incidents=\u0627\u0644\u062d\u0648\u0627\u062f\u062b"
          + " \u0627\u0644\u0645\u0639\u0627\u0644\u062c\u0629\n";

  private static final String INCIDENTS = "\u0661\u0664\u0666"; // 146 in Arabic-Indic digits
  private static final String WEEK = "\u0665\u0661"; // 51
  private static final char FSI = '\u2068';
  private static final char PDI = '\u2069';

  @TempDir static Path root;

  static byte[] pdf;
  static String html;
  static String englishHtml;
  static MailBodies mail;

  @BeforeAll
  static void build() throws IOException {
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    BulletinService service = new BulletinService(sample.workspace());
    englishHtml =
        Files.readString(
            service.build(W51, EnumSet.of(Format.HTML)).folder().resolve("bulletin.html"));

    Path bundles = sample.templates().resolve("messages");
    Files.writeString(
        bundles.resolve("messages_ar.properties"),
        Files.readString(bundles.resolve("messages_en.properties")) + "\n" + OPENING,
        StandardCharsets.UTF_8);
    sample.editConfig(json -> json.replace("\"languages\": [\"en\"]", "\"languages\": [\"ar\"]"));
    service = new BulletinService(sample.workspace());
    Path folder = service.build(W51, EnumSet.allOf(Format.class)).folder();
    pdf = Files.readAllBytes(folder.resolve("bulletin.pdf"));
    html = Files.readString(folder.resolve("bulletin.html"));
    mail =
        service
            .renderer()
            .renderMail(
                service.data().bulletin(W51, ARABIC), "b.pdf", Optional.empty(), Optional.empty());
  }

  @Test
  void aNumberKeepsItsSpaceFromTheWordsBesideItOnThePage() throws IOException {
    List<TextPosition> line = lineWith(INCIDENTS);
    assertThat(neighbours(line, INCIDENTS)).as("glyphs beside 146").containsOnly(" ");
    assertThat(neighbours(line, WEEK)).as("glyphs beside 51").containsOnly(" ");
  }

  @Test
  void aWeekIdReadsLeftToRightInsideTheRightToLeftLine() throws IOException {
    List<TextPosition> line = lineWith("W51");
    String visual =
        line.stream()
            .sorted(Comparator.comparingDouble(TextPosition::getXDirAdj))
            .map(TextPosition::getUnicode)
            .collect(Collectors.joining());
    assertThat(visual).contains("2024-W51").doesNotContain("W51-2024");
  }

  @Test
  void everyCharacterIsDrawnAndTheIsolatesAreNot() throws IOException {
    assertThat(PdfFonts.notdefGlyphs(pdf)).isEmpty();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(new PDFTextStripper().getText(document)).doesNotContain("\u2068", "\u2069");
    }
  }

  @Test
  void theHtmlIsRightToLeftWithEachValueIsolated() {
    assertThat(html)
        .contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"ar\" dir=\"rtl\">");
    assertThat(html).contains(FSI + INCIDENTS + PDI, FSI + "2024-W51" + PDI);
  }

  @Test
  void theMailsTextPartIsolatesTheValuesAmongTheWords() {
    assertThat(mail.text())
        .contains(FSI + INCIDENTS + PDI + " \u062d\u0627\u062f\u062b\u0629")
        .contains("\u0627\u0644\u0645\u0639\u0627\u0644\u062c\u0629: " + FSI + INCIDENTS + PDI);
    assertThat(mail.html()).contains("dir=\"rtl\"");
  }

  @Test
  void anEditionWrittenLeftToRightIsAsBefore() {
    assertThat(englishHtml)
        .as("control: no direction and no isolates in English")
        .contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">")
        .doesNotContain("\u2068", "\u2069", "dir=\"rtl\"");
  }

  /** The glyphs of the first page's line that holds {@code text}. */
  private static List<TextPosition> lineWith(String text) throws IOException {
    List<List<TextPosition>> lines = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper =
          new PDFTextStripper() {
            @Override
            protected void writeString(String string, List<TextPosition> positions) {
              lines.add(List.copyOf(positions));
            }
          };
      stripper.setStartPage(1);
      stripper.setEndPage(1);
      stripper.getText(document);
    }
    return lines.stream()
        .filter(l -> visual(l).contains(text))
        .findFirst()
        .orElseThrow(() -> new AssertionError(text + " is not on page 1"));
  }

  /** The glyphs of {@code line} from left to right. */
  private static String visual(List<TextPosition> line) {
    return line.stream()
        .sorted(Comparator.comparingDouble(TextPosition::getXDirAdj))
        .map(TextPosition::getUnicode)
        .collect(Collectors.joining());
  }

  /**
   * The glyphs just left and right of {@code digits} (drawn left to right) in {@code line}, or " "
   * for a side where the next glyph is a space or stands apart by at least a thin space.
   */
  private static List<String> neighbours(List<TextPosition> line, String digits) {
    List<TextPosition> sorted =
        line.stream().sorted(Comparator.comparingDouble(TextPosition::getXDirAdj)).toList();
    int start = -1;
    for (int i = 0; i + digits.length() <= sorted.size() && start < 0; i++) {
      boolean match = true;
      for (int j = 0; j < digits.length(); j++) {
        match &= sorted.get(i + j).getUnicode().equals(String.valueOf(digits.charAt(j)));
      }
      start = match ? i : -1;
    }
    assertThat(start).as("%s drawn left to right in %s", digits, visual(sorted)).isNotNegative();
    int end = start + digits.length() - 1;
    List<String> beside = new ArrayList<>();
    if (start > 0) {
      beside.add(side(sorted.get(start - 1), sorted.get(start)));
    }
    if (end + 1 < sorted.size()) {
      beside.add(side(sorted.get(end), sorted.get(end + 1)));
    }
    return beside;
  }

  private static String side(TextPosition left, TextPosition right) {
    double gap = right.getXDirAdj() - (left.getXDirAdj() + left.getWidthDirAdj());
    boolean apart = gap >= 1.5 || left.getUnicode().isBlank() || right.getUnicode().isBlank();
    return apart ? " " : left.getUnicode() + right.getUnicode();
  }
}
