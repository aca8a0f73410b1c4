package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.testing.PdfFonts;
import org.certbulletin.testing.PdfText;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A week whose highlight narrative and advisory summary quote words in ten scripts (a lure's
 * subject line, say), built in both editions of the sample (English and Chinese): each edition's
 * PDF draws every word with a real glyph and gives it back as text. The Chinese edition once
 * printed the Hebrew, Arabic, Thai and Devanagari words as runs of '#': its fonts named only the
 * CJK face.
 */
class EveryScriptInEveryEditionTest {

  /** One word per script; the Devanagari one has no conjunct, so it extracts as written. */
  static final Map<String, String> WORDS = new LinkedHashMap<>();

  static {
    WORDS.put("Latin", "Invoice");
    WORDS.put("Cyrillic", "Счёт");
    WORDS.put("Greek", "Τιμολόγιο");
    WORDS.put("Arabic", "فاتورة");
    WORDS.put("Hebrew", "חשבונית");
    WORDS.put("Thai", "ใบแจ้งหนี้");
    WORDS.put("Devanagari", "चालान");
    WORDS.put("Chinese", "发票");
    WORDS.put("Japanese kana", "せいきゅうしょ");
    WORDS.put("Korean", "청구서");
  }

  static final String LURE = "“" + String.join(" · ", WORDS.values()) + "”";

  @TempDir static Path root;

  static final Map<String, byte[]> PDFS = new LinkedHashMap<>();

  @BeforeAll
  static void build() throws IOException {
    SampleWorkspace sample = SampleWorkspace.copyAsShipped(root);
    sample.editWeek("2024-W51", EveryScriptInEveryEditionTest::quoteTheLure);
    Path folder =
        new BulletinService(sample.workspace())
            .build(WeekId.parse("2024-W51"), EnumSet.of(Format.PDF))
            .folder();
    PDFS.put("en", Files.readAllBytes(folder.resolve("bulletin.pdf")));
    PDFS.put("zh-CN", Files.readAllBytes(folder.resolve("bulletin.zh-CN.pdf")));
  }

  /** The first highlight's narrative and the first advisory's summary, in both languages. */
  static String quoteTheLure(String json) {
    String quoted = json;
    for (String field : List.of("narrative", "summary")) {
      quoted =
          quoted
              .replaceFirst(
                  "(\"" + field + "\": \\{\\s*\"en\": \")",
                  "$1" + Matcher.quoteReplacement("The lure read " + LURE + ". "))
              .replaceFirst(
                  "(\"" + field + "\": \\{\\s*\"en\": \"(?:[^\"\\\\]|\\\\.)*\",\\s*\"zh-CN\": \")",
                  "$1" + Matcher.quoteReplacement("诱饵邮件标题为" + LURE + "。"));
    }
    return quoted;
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  void everyWordIsDrawnWithARealGlyph(String edition) {
    byte[] pdf = PDFS.get(edition);
    assertThat(PdfFonts.notdefGlyphs(pdf)).as("glyphs drawn as .notdef").isEmpty();
    String text = String.join("\n", PdfText.pages(pdf));
    assertThat(text)
        .as("the '#' openhtmltopdf draws for a character no font has")
        .doesNotContain("#");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  void everyWordComesBackAsTextInTheNarrativeAndTheSummary(String edition) {
    // a Chinese line may break inside a kana or Hangul word
    String text = String.join("", PdfText.pages(PDFS.get(edition))).replaceAll("\\s+", "");
    Map<String, Integer> counts = new LinkedHashMap<>();
    WORDS.forEach((script, word) -> counts.put(script, occurrences(text, word)));
    assertThat(counts)
        .as("how often each script's word is in the text")
        .allSatisfy((script, count) -> assertThat(count).as(script).isEqualTo(2));
  }

  @Test
  void bothEditionsUseTheScriptFonts() {
    for (byte[] pdf : PDFS.values()) {
      assertThat(PdfFonts.names(pdf))
          .anyMatch(n -> n.contains("LiberationSans"))
          .anyMatch(n -> n.contains("NotoSansArabic"))
          .anyMatch(n -> n.contains("NotoSansThai"))
          .anyMatch(n -> n.contains("NotoSansDevanagari"))
          .anyMatch(n -> n.contains("WenQuanYi"));
    }
  }

  private static int occurrences(String text, String word) {
    int count = 0;
    for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length())) {
      count++;
    }
    return count;
  }
}
