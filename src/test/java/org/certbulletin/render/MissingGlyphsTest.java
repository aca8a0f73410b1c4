package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.certbulletin.testing.PdfText;
import org.junit.jupiter.api.Test;

/**
 * The PDF renderer fails on a character that no font of its element's font stack has, which it
 * would otherwise draw as '#': the render itself finds it, whatever the data check said (here there
 * is no data check at all: the text goes straight to the renderer).
 */
class MissingGlyphsTest {

  private static final ResourceGuard GUARD = new ResourceGuard(Path.of("templates"));

  private final PdfRenderer checked = new PdfRenderer(GUARD, FontSet.shipped(), true, true);
  private final PdfRenderer unchecked = new PdfRenderer(GUARD, FontSet.shipped(), true, false);

  /** The control: without the check, the renderer writes a PDF that shows '#' for the character. */
  @Test
  void withoutTheCheckTheCharacterIsPrintedAsAHash() {
    byte[] pdf = unchecked.render(page("Linear B \uD800\uDC00 here", "en"), metadata("en"));
    assertThat(String.join("", PdfText.pages(pdf))).contains("Linear B # here");
  }

  @Test
  void aCharacterNoFontHasFailsTheRenderNamingItTheEditionAndTheTextAroundIt() {
    assertThatThrownBy(
            () -> checked.render(page("Linear B \uD800\uDC00 here", "zh-CN"), metadata("zh-CN")))
        .isInstanceOfSatisfying(
            UnprintedTextException.class,
            e -> {
              assertThat(e.edition()).isEqualTo("zh-CN");
              assertThat(e.characters())
                  .containsExactly(
                      new UnprintedTextException.Unprinted(
                          0x10000, "FontsLinear B \uD800\uDC00 here"));
              assertThat(e.getMessage())
                  .startsWith(
                      "character U+10000 (LINEAR B SYLLABLE B008 A) cannot be printed in the zh-CN"
                          + " edition");
            });
  }

  /** Every character is named once, in the order the layout meets them, however often it occurs. */
  @Test
  void namesEachCharacterOnce() {
    assertThatThrownBy(
            () ->
                checked.render(
                    page("\uD800\uDC00 \uD83E\uDDA0 \uD800\uDC00 \uD83E\uDDA0", "en"),
                    metadata("en")))
        .isInstanceOfSatisfying(
            UnprintedTextException.class,
            e ->
                assertThat(e.characters())
                    .extracting(UnprintedTextException.Unprinted::codePoint)
                    .containsExactly(0x10000, 0x1F9A0));
  }

  /**
   * What the style sheet says decides, not which fonts the build ships: Liberation Sans has Hebrew,
   * but an element whose font stack names only the Thai font cannot draw it. Without the check the
   * word would not even become '#' (the Thai font has none): it would be left out as spaces.
   */
  @Test
  void aFontStackWithoutTheScriptFailsThoughAnotherShippedFontHasIt() {
    String page = page("<span style=\"font-family: 'Noto Sans Thai'\">ไทย עברית</span>", "en");
    assertThat(String.join("", PdfText.pages(unchecked.render(page, metadata("en")))))
        .contains("ไทย")
        .doesNotContain("עברית");
    assertThatThrownBy(() -> checked.render(page, metadata("en")))
        .isInstanceOfSatisfying(
            UnprintedTextException.class,
            e ->
                assertThat(e.characters())
                    .extracting(UnprintedTextException.Unprinted::codePoint)
                    .containsExactly(0x05E2, 0x05D1, 0x05E8, 0x05D9, 0x05EA));
  }

  /**
   * A chart's labels are drawn by the SVG renderer, whose font lookup is its own: they are checked
   * against the edition's font stacks, which the charts name.
   */
  @Test
  void aChartLabelNoFontHasFailsTheRenderToo() {
    String chart =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"20\"><text x=\"0\""
            + " y=\"15\" font-family=\"Liberation Sans\">W51 \uD800\uDC00</text></svg>";
    assertThat(unchecked.render(page(chart, "en"), metadata("en"))).isNotEmpty();
    assertThatThrownBy(() -> checked.render(page(chart, "en"), metadata("en")))
        .isInstanceOfSatisfying(
            UnprintedTextException.class,
            e ->
                assertThat(e.characters())
                    .containsExactly(
                        new UnprintedTextException.Unprinted(0x10000, "W51 \uD800\uDC00")));
  }

  @Test
  void textEveryFontStackDrawsPasses() {
    byte[] pdf = checked.render(page("Invoice Счёт Τιμολόγιο חשבונית", "en"), metadata("en"));
    assertThat(String.join("", PdfText.pages(pdf))).contains("Invoice Счёт Τιμολόγιο");
  }

  private static String page(String body, String lang) {
    return "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\""
        + lang
        + "\"><head><title>Fonts</title><style>body { font-family: 'Liberation Sans'; }</style>"
        + "</head><body><h1>Fonts</h1><p>"
        + body
        + "</p></body></html>";
  }

  private static PdfMetadata metadata(String lang) {
    return new PdfMetadata(
        "Fonts",
        "Tests",
        "A character no font has",
        List.of(),
        lang,
        OffsetDateTime.parse("2024-12-25T10:00:00+08:00"),
        new PdfMetadata.Attachment(
            "data.json",
            "application/json",
            "data",
            "Source",
            "{}".getBytes(StandardCharsets.UTF_8)));
  }
}
