package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.testing.HtmlValidation;
import org.certbulletin.testing.PdfAValidation;
import org.certbulletin.testing.PdfText;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/** A week with nothing to report still gets a complete bulletin that says so in plain words. */
class QuietWeekTest {

  @TempDir Path root;

  @Test
  void aQuietWeekGetsAnExplicitNoSignificantIncidentsEdition() throws Exception {
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    sample.writeWeek(
        "2024-W52",
        """
        {
          "week": "2024-W52",
          "issue": {"volume": 2024, "number": 52, "total": 1180},
          "published": "2025-01-01T10:00:00+08:00",
          "tlp": "CLEAR",
          "tallies": {"incidents": {"value": 0}, "cross_border_incidents": {"value": 0}}
        }
        """);

    new BulletinService(sample.workspace())
        .build(WeekId.parse("2024-W52"), EnumSet.allOf(Format.class));

    Path folder = sample.out().resolve("site/2024/W52");
    byte[] html = Files.readAllBytes(folder.resolve("bulletin.html"));
    String text = new String(html, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text)
        .contains(
            "No significant incidents were reported in week 52 of 2024 (23\u201329 December 2024).",
            "No incident highlights this week.",
            "No advisories this week.",
            "No coordination partners recorded this week.");
    assertThat(HtmlValidation.errors(html)).isEmpty();
    byte[] pdf = Files.readAllBytes(folder.resolve("bulletin.pdf"));
    assertThat(String.join("\n", PdfText.pages(pdf)))
        .contains("No significant incidents were reported");
    assertThat(
            PdfAValidation.failures(
                pdf, java.util.List.of(PDFAFlavour.PDFUA_1, PDFAFlavour.PDFA_3_A)))
        .isEmpty();
  }
}
