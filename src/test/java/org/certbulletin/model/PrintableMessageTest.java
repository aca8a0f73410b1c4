package org.certbulletin.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which characters a message shows by their code, and that everything else prints as written. */
class PrintableMessageTest {

  @ParameterizedTest
  @CsvSource({
    "0007, C0 control (BEL)",
    "001B, C0 control (ESC, which starts terminal escape sequences)",
    "0009, tab",
    "000A, line feed",
    "000D, carriage return",
    "007F, DEL",
    "0085, C1 control (NEXT LINE)",
    "009B, C1 control (CSI)",
    "200E, LEFT-TO-RIGHT MARK",
    "200F, RIGHT-TO-LEFT MARK",
    "061C, ARABIC LETTER MARK",
    "202A, LEFT-TO-RIGHT EMBEDDING",
    "202B, RIGHT-TO-LEFT EMBEDDING",
    "202C, POP DIRECTIONAL FORMATTING",
    "202D, LEFT-TO-RIGHT OVERRIDE",
    "202E, RIGHT-TO-LEFT OVERRIDE",
    "2066, LEFT-TO-RIGHT ISOLATE",
    "2067, RIGHT-TO-LEFT ISOLATE",
    "2068, FIRST STRONG ISOLATE",
    "2069, POP DIRECTIONAL ISOLATE",
    "200B, ZERO WIDTH SPACE",
    "200C, ZERO WIDTH NON-JOINER",
    "200D, ZERO WIDTH JOINER",
    "2060, WORD JOINER",
    "FEFF, BYTE ORDER MARK",
    "00AD, SOFT HYPHEN",
    "E0041, TAG LATIN CAPITAL LETTER A",
    "E0001, LANGUAGE TAG",
    "2028, LINE SEPARATOR",
    "2029, PARAGRAPH SEPARATOR",
    "0378, unassigned",
    "E01F0, unassigned, in the block of the variation selectors supplement",
    "3164, HANGUL FILLER",
    "034F, COMBINING GRAPHEME JOINER",
    "FE0F, a variation selector with nothing to vary"
  })
  void showsByItsCode(String hex, String what) {
    int c = Integer.parseInt(hex, 16);
    String text = "a " + Character.toString(c) + "b";
    assertThat(PrintableMessage.of(text)).as(what).isEqualTo("a U+" + hex + "b");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "data/weeks/2024-W51.json:27:9: /tallies/incidents: unknown key 'phising'",
        "攻击者利用Microsoft Exchange漏洞控制邮件服务器及30余台设备",
        "ثغرة في خادم البريد CVE-2024-21413 أصابت 30 جهازا",
        "עברית: עדכון אבטחה",
        "ภาษาไทย: ช่องโหว่ที่",
        "हिन्दी में सुरक्षा बुलेटिन",
        "Tiếng Việt, Ελληνικά, Кириллица",
        "an emoji \uD83E\uDDA0, a private-use \uE000, a no-break\u00a0space",
        "a heart \u2764\uFE0F with its emoji selector, a CJK variant \u845B\uDB40\uDD00"
      })
  void printsEverythingElseAsWritten(String text) {
    assertThat(PrintableMessage.of(text)).isEqualTo(text);
    assertThat(PrintableMessage.isPrintable(text)).isTrue();
  }

  @Test
  void aSelectorAfterASpaceOrAnotherSelectorIsAlone() {
    assertThat(PrintableMessage.of("\u2764\uFE0F\uFE0F \uFE0F"))
        .isEqualTo("\u2764\uFE0FU+FE0F U+FE0F");
  }

  @Test
  void aLoneSurrogateIsShownByItsCode() {
    assertThat(PrintableMessage.of("a\uD83Eb")).isEqualTo("aU+D83Eb");
  }

  @Test
  void linesKeepsLineBreaksOnly() {
    assertThat(PrintableMessage.lines("one\u202e\ntwo\r\nthree\rfour\tfive\n"))
        .isEqualTo("oneU+202E\ntwo\r\nthreeU+000Dfour" + "U+0009five\n");
    assertThat(PrintableMessage.of("one\ntwo")).isEqualTo("oneU+000Atwo");
  }

  @Test
  void printableQuotesCutNeverInsideACode() {
    assertThat(Printable.of("abcd\u202eefgh", 8)).isEqualTo("abcd...");
    assertThat(Printable.of("ab\u0007", 40)).isEqualTo("abU+0007");
    assertThat(Printable.of("abcdefghij", 8)).isEqualTo("abcde...");
  }
}
