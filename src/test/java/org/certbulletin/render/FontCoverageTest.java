package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.fontbox.ttf.CmapLookup;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A font's coverage, read from its character map alone, is the one PDFBox finds parsing the whole
 * font, for every shipped font and every code point; and reading it stops at the character map.
 */
class FontCoverageTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/liberation/LiberationSans-Regular.ttf",
        "/liberation/LiberationMono-Regular.ttf",
        "/fonts/NotoSansArabic-Regular.ttf",
        "/fonts/NotoSansArabic-Bold.ttf",
        "/fonts/NotoSansThai-Regular.ttf",
        "/fonts/NotoSansThai-Bold.ttf",
        "/fonts/NotoSansDevanagari-Regular.ttf",
        "/fonts/NotoSansDevanagari-Bold.ttf",
        "/fonts/WenQuanYiMicroHei.ttf"
      })
  void coversWhatPdfBoxMapsToAGlyph(String resource) throws IOException {
    boolean devanagari = resource.contains("Devanagari");
    CmapLookup parsed =
        new SharedFont("test", 400, FontStyle.NORMAL, resource, Set.of(), devanagari)
            .font()
            .getUnicodeCmapLookup();
    FontCoverage coverage;
    try (InputStream in = FontCoverage.class.getResourceAsStream(resource)) {
      coverage = FontCoverage.read(in).orElseThrow();
    }

    List<String> differences = new ArrayList<>();
    int covered = 0;
    for (int c = 0; c <= Character.MAX_CODE_POINT && differences.size() < 10; c++) {
      boolean expected = parsed.getGlyphId(c) != 0;
      covered += expected ? 1 : 0;
      if (coverage.has(c) != expected) {
        differences.add(String.format("U+%04X: PDFBox %s", c, expected ? "has it" : "lacks it"));
      }
    }
    assertThat(differences).isEmpty();
    assertThat(covered).as("control: the font has characters").isGreaterThan(50);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/fonts/WenQuanYiMicroHei.ttf"})
  void readsTheFontOnlyAsFarAsItsCharacterMap(String resource) throws IOException {
    long size;
    try (InputStream in = FontCoverage.class.getResourceAsStream(resource)) {
      size = in.readAllBytes().length;
    }
    long[] read = {0}; // bytes read or skipped: how far into the file
    try (InputStream in =
        new FilterInputStream(FontCoverage.class.getResourceAsStream(resource)) {
          @Override
          public int read() throws IOException {
            int b = super.read();
            read[0] += b < 0 ? 0 : 1;
            return b;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            read[0] += Math.max(n, 0);
            return n;
          }

          @Override
          public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            read[0] += skipped;
            return skipped;
          }
        }) {
      assertThat(FontCoverage.read(in)).isPresent();
    }

    assertThat(read[0]).isPositive().isLessThan(size / 10);
  }
}
