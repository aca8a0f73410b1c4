package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.testing.SampleWorkspace;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every font stack of every edition names every shipped font after the edition's own, and the pages
 * name exactly the stacks that {@code validate} asks ({@link FontSet#stacksFor}): the style sheet's
 * font-family lists and the charts' are made from them, so the two cannot drift apart.
 */
class FontStacksTest {

  private static final Pattern FONT_FAMILY = Pattern.compile("font-family:\\s*([^;}]+)");

  @TempDir static Path root;

  static Document english;
  static Document chinese;

  @BeforeAll
  static void build() throws IOException {
    SampleWorkspace sample = SampleWorkspace.copyAsShipped(root);
    Path folder =
        new BulletinService(sample.workspace())
            .build(WeekId.parse("2024-W51"), EnumSet.of(Format.HTML))
            .folder();
    english = Jsoup.parse(Files.readString(folder.resolve("bulletin.html")));
    chinese = Jsoup.parse(Files.readString(folder.resolve("bulletin.zh-CN.html")));
  }

  @Test
  void everyStackOfEveryEditionNamesEveryShippedFontAfterItsOwn() {
    List<String> shipped = FontSet.shipped().families();
    assertThat(shipped)
        .containsExactly(
            "Liberation Sans",
            "Noto Sans Arabic",
            "Noto Sans Thai",
            "Noto Sans Devanagari",
            "WenQuanYi Micro Hei");
    for (String tag : List.of("en", "zh-CN", "zh-TW", "ja", "ar", "hi")) {
      for (List<String> stack : FontSet.shipped().stacksFor(Locale.forLanguageTag(tag)).all()) {
        assertThat(stack).as("%s: %s", tag, stack).containsAll(shipped);
        assertThat(stack.get(stack.size() - 1)).isIn("sans-serif", "monospace");
      }
    }
    assertThat(FontSet.shipped().stacksFor(Locale.forLanguageTag("zh-CN")).text())
        .as("the Chinese edition's own font first")
        .startsWith("WenQuanYi Micro Hei");
    assertThat(FontSet.shipped().stacksFor(Locale.ENGLISH).text()).startsWith("Liberation Sans");
  }

  @Test
  void everyFontFamilyOfTheStyleSheetAndTheChartsIsAStackOfItsEdition() {
    assertThat(families(english))
        .hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(f -> isStackOf(f, "en"));
    assertThat(families(chinese))
        .hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(f -> isStackOf(f, "zh-CN"));
    assertThat(chinese.select("svg").eachAttr("font-family"))
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f).startsWith("\"WenQuanYi Micro Hei\""));
  }

  /** The Chinese edition draws its Latin letters in its own face: one face for a whole line. */
  @Test
  void theChineseEditionNamesItsOwnFontFirstForTextAndIds() {
    String css = chinese.select("style").stream().map(Element::data).reduce("", String::concat);
    assertThat(css)
        .contains("body { font-family: \"WenQuanYi Micro Hei\"")
        .contains("code, .advisory-id, .cves { font-family: \"WenQuanYi Micro Hei\"")
        .contains(".fingerprint { font-family: \"Liberation Mono\"")
        .contains(".tlp-badge { font-family: \"Liberation Sans\"");
  }

  @Test
  void validateAsksTheEditionsStacks() {
    Locale chineseEdition = Locale.forLanguageTag("zh-CN");
    assertThat(PrintableText.unprintable("עברית فاتورة ใบแจ้งหนี้ चालान 청구서", chineseEdition))
        .isEmpty();
    assertThat(PrintableText.unprintable("Linear B \uD800\uDC00", chineseEdition))
        .containsExactly(0x10000);
    assertThat(PrintableText.unprintable("Linear B \uD800\uDC00", Locale.ENGLISH))
        .containsExactly(0x10000);
  }

  private static List<String> families(Document page) {
    List<String> families = new ArrayList<>();
    for (Element style : page.select("style")) {
      Matcher m = FONT_FAMILY.matcher(style.data());
      while (m.find()) {
        families.add(m.group(1).strip());
      }
    }
    families.addAll(page.select("[font-family]").eachAttr("font-family"));
    return families;
  }

  private static void isStackOf(String fontFamily, String edition) {
    List<String> named =
        Arrays.stream(fontFamily.split(",")).map(f -> f.strip().replace("\"", "")).toList();
    assertThat(FontSet.shipped().stacksFor(Locale.forLanguageTag(edition)).all())
        .as("font-family: %s", fontFamily)
        .contains(named);
  }
}
