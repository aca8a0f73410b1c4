package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A long unbreakable token (a SHA-512, a URL, a CVSS vector) wraps inside its cell: no text is
 * drawn past the page's edge, and the token is all there.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class LongTokenTest {

  private static final String SHA512 =
      "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043";

  @Test
  void aHashInASummaryWrapsInsideThePageAndIsNotCut(SampleWorkspace sample) throws Exception {
    sample.editWeek(
        "2024-W51",
        json ->
            json.replaceFirst(
                "\"summary\": \"", "\"summary\": \"Indicator (SHA-512) " + SHA512 + ". "));
    Path folder = build(sample);

    byte[] pdf = Files.readAllBytes(folder.resolve("bulletin.pdf"));
    assertThat(glyphsPastTheRightEdge(pdf)).as("glyphs drawn past the page's right edge").isEmpty();
    String text = String.join("", pages(pdf)).replaceAll("\\s+", "");
    assertThat(text).contains(SHA512);
    String html = Files.readString(folder.resolve("bulletin.html"));
    assertThat(Jsoup.parse(html).text()).contains(SHA512);
  }

  @Test
  void controlTheCheckSeesTextPastTheEdge() throws Exception {
    assertThat(glyphsPastTheRightEdge(Files.readAllBytes(clippedPdf())))
        .as("a PDF drawn wider than its page is caught")
        .isNotEmpty();
  }

  private static Path build(SampleWorkspace sample) {
    return new BulletinService(sample.workspace())
        .build(WeekId.parse("2024-W51"), EnumSet.allOf(Format.class))
        .folder();
  }

  /** A one-page PDF with a line of text running off the page, made with PDFBox itself. */
  private static Path clippedPdf() throws IOException {
    Path file = Files.createTempFile("clipped", ".pdf");
    try (PDDocument document = new PDDocument()) {
      PDPage page = new PDPage();
      document.addPage(page);
      try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(document, page)) {
        content.beginText();
        content.setFont(
            new org.apache.pdfbox.pdmodel.font.PDType1Font(
                org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA),
            12);
        content.newLineAtOffset(500, 700);
        content.showText(SHA512);
        content.endText();
      }
      document.save(file.toFile());
    }
    return file;
  }

  private static List<String> glyphsPastTheRightEdge(byte[] pdf) throws IOException {
    List<String> outside = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper =
          new PDFTextStripper() {
            @Override
            protected void processTextPosition(TextPosition text) {
              float width = getCurrentPage().getMediaBox().getWidth();
              if (text.getXDirAdj() + text.getWidthDirAdj() > width + 0.5f) {
                outside.add(text.getUnicode() + "@" + text.getXDirAdj());
              }
              super.processTextPosition(text);
            }
          };
      stripper.getText(document);
    }
    return outside;
  }

  private static List<String> pages(byte[] pdf) {
    return org.certbulletin.testing.PdfText.pages(pdf);
  }
}
