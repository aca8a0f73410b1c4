package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.testing.PdfAValidation;
import org.certbulletin.testing.PdfText;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/** Reads the sample bulletin's PDF back with PDFBox and veraPDF. */
class PdfOutputTest {

  @TempDir static Path root;

  static byte[] pdf;
  static byte[] json;
  static List<String> pages;

  @BeforeAll
  static void build() throws IOException {
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    new BulletinService(sample.workspace())
        .build(WeekId.parse("2024-W51"), EnumSet.allOf(Format.class));
    Path folder = sample.out().resolve("site/2024/W51");
    pdf = Files.readAllBytes(folder.resolve("bulletin.pdf"));
    json = Files.readAllBytes(folder.resolve("bulletin.json"));
    pages = PdfText.pages(pdf);
  }

  @Test
  void firstPageCarriesTheHeadlineFiguresAndProducts() {
    assertThat(pages.get(0))
        .contains(
            "146",
            "92",
            "2,950",
            "Adobe Illustrator",
            "Android",
            "IBM Cognos Controller",
            "Apache NimBLE");
  }

  @Test
  void everyPageCarriesTheTlpLabelTwiceAndItsNumber() {
    List<String> pages = PdfText.pagesByPosition(pdf);
    assertThat(pages).hasSizeGreaterThan(2);
    for (int i = 0; i < pages.size(); i++) {
      String text = pages.get(i);
      assertThat(text.split("TLP:CLEAR", -1))
          .as("TLP labels on page %d", i + 1)
          .hasSizeGreaterThanOrEqualTo(3);
      assertThat(text).contains("Page " + (i + 1) + " of " + pages.size());
    }
  }

  @Test
  void outlineListsEverySection() throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      List<String> titles = new ArrayList<>();
      for (PDOutlineItem item : document.getDocumentCatalog().getDocumentOutline().children()) {
        titles.add(item.getTitle());
      }
      assertThat(titles)
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
    }
  }

  @Test
  void metadataDescribesTheBulletin() throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDDocumentInformation info = document.getDocumentInformation();
      assertThat(info.getTitle())
          .isEqualTo("Weekly Security Bulletin 2024-W51 \u2013 Sample National CERT");
      assertThat(info.getAuthor()).isEqualTo("Sample National CERT");
      assertThat(info.getSubject()).contains("2024-W51", "16\u201322 December 2024", "TLP:CLEAR");
      assertThat(info.getKeywords()).contains("TLP:CLEAR", "2024-W51", "SN-CERT");
      assertThat(info.getCreationDate().toInstant())
          .isEqualTo(java.time.Instant.parse("2024-12-25T02:00:00Z"));
      assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("en");
      String xmp =
          new String(
              document.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
      assertThat(xmp)
          .contains("Weekly Security Bulletin 2024-W51", "pdfaid:part", "Sample National CERT")
          .containsPattern("pdfaid:conformance(>|=\")A")
          .containsPattern("pdfuaid:part(>|=\")1");
      assertThat(document.getDocumentCatalog().getViewerPreferences().displayDocTitle()).isTrue();
      assertThat(document.getDocumentCatalog().getMarkInfo().isMarked()).isTrue();
    }
  }

  @Test
  void embedsTheEditionDataAsSourceAttachment() throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      Map<String, PDComplexFileSpecification> files =
          document.getDocumentCatalog().getNames().getEmbeddedFiles().getNames();
      assertThat(files).containsOnlyKeys("2024-W51.json");
      PDComplexFileSpecification spec = files.get("2024-W51.json");
      assertThat(spec.getCOSObject().getNameAsString(COSName.getPDFName("AFRelationship")))
          .isEqualTo("Source");
      assertThat(spec.getEmbeddedFile().getSubtype()).isEqualTo("application/json");
      assertThat(spec.getEmbeddedFile().toByteArray()).isEqualTo(json);
    }
    assertThat(new String(json, StandardCharsets.UTF_8))
        .contains("\"week\" : \"2024-W51\"", "\"value\" : 146", "Apache NimBLE");
  }

  @Test
  void embedsEveryFontItUses() throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      for (var page : document.getPages()) {
        for (COSName name : page.getResources().getFontNames()) {
          PDFont font = page.getResources().getFont(name);
          assertThat(font.isEmbedded()).as("font %s embedded", font.getName()).isTrue();
          assertThat(font.getName()).contains("Liberation");
        }
      }
    }
  }

  @Test
  @Tag("slow")
  void isValidPdfA3a() {
    assertThat(PdfAValidation.failures(pdf, PDFAFlavour.PDFA_3_A)).isEmpty();
  }
}
