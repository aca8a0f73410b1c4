package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.certbulletin.mail.ListEdition;
import org.certbulletin.model.Format;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.WeekId;
import org.certbulletin.testing.HtmlValidation;
import org.certbulletin.testing.PdfAValidation;
import org.certbulletin.testing.PdfFonts;
import org.certbulletin.testing.PdfText;
import org.certbulletin.testing.SampleWorkspace;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * The shipped sample as a CERT that writes in English and Chinese publishes it: one edition per
 * language, each reading its own language, linked to the other, with an index and a feed each.
 */
class BilingualEditionTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");

  /** The W51 texts of the sample, as its week file gives them. */
  private static final String TITLE_ZH = "攻击者利用文档安全管理系统漏洞向270余台主机推送木马";

  private static final String TITLE_EN =
      "Document-security system flaw used to push a Trojan to 270+ hosts";

  @TempDir static Path root;

  static SampleWorkspace sample;
  static Path site;

  @BeforeAll
  static void publish() throws Exception {
    sample = SampleWorkspace.copyAsShipped(root);
    new BulletinService(sample.workspace()).publish(ProgressListener.NONE);
    site = sample.out().resolve("site");
  }

  @Test
  void everyWeekHasItsEditionInEachLanguageTheMainOneUnderThePlainNames() throws IOException {
    try (var files = Files.list(site.resolve("2024/W51"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "bulletin.html",
              "bulletin.pdf",
              "bulletin.json",
              "bulletin.zh-CN.html",
              "bulletin.zh-CN.pdf",
              "bulletin.zh-CN.json");
    }
    assertThat(site.resolve("index.html")).exists();
    assertThat(site.resolve("index.zh-CN.html")).exists();
    assertThat(site.resolve("feed.xml")).exists();
    assertThat(site.resolve("feed.zh-CN.xml")).exists();
    assertThat(Files.readString(site.resolve("SHA256SUMS")))
        .contains("  2024/W51/bulletin.zh-CN.pdf\n")
        .contains("  index.zh-CN.html\n")
        .contains("  feed.zh-CN.xml\n");
  }

  @Test
  void eachPageReadsItsOwnLanguageAndLinksToTheOther() throws IOException {
    Document english = page("2024/W51/bulletin.html");
    Document chinese = page("2024/W51/bulletin.zh-CN.html");

    assertThat(english.selectFirst("html").attr("lang")).isEqualTo("en");
    assertThat(chinese.selectFirst("html").attr("lang")).isEqualTo("zh-CN");
    assertThat(english.select("#highlights h3").eachText()).contains(TITLE_EN);
    assertThat(chinese.select("#highlights h3").eachText()).contains(TITLE_ZH);
    assertThat(english.text()).doesNotContain(TITLE_ZH);
    assertThat(chinese.text()).doesNotContain(TITLE_EN);
    assertThat(chinese.selectFirst("h1").text()).isEqualTo("网络安全信息与动态周报");
    assertThat(chinese.selectFirst(".issuer-name").text()).isEqualTo("示例国家互联网应急中心");

    Element toChinese = english.selectFirst(".translations a");
    assertThat(toChinese.attr("hreflang")).isEqualTo("zh-CN");
    assertThat(toChinese.attr("lang")).isEqualTo("zh-CN");
    assertThat(chinese.selectFirst(".translations a").attr("href")).isEqualTo("bulletin.html");
    for (Document page : List.of(english, chinese)) {
      assertThat(page.select("link[rel=alternate][hreflang]").eachAttr("hreflang"))
          .containsExactly("en", "zh-CN");
      for (Element link : page.select("link[hreflang], a[hreflang]")) {
        assertThat(site.resolve("2024/W51").resolve(link.attr("href")))
            .as("%s resolves", link.attr("href"))
            .exists();
      }
    }
  }

  @Test
  void theIndexAndFeedOfEachLanguageLinkToThatLanguagesFiles() throws IOException {
    Document index = page("index.zh-CN.html");
    assertThat(index.selectFirst("html").attr("lang")).isEqualTo("zh-CN");
    List<String> links =
        index.select("main a[href]:not([href^=mailto:]):not([href^=http])").eachAttr("href");
    assertThat(links).contains("2024/W51/bulletin.zh-CN.html", "2024/W51/bulletin.zh-CN.pdf");
    assertThat(links).noneMatch(l -> l.endsWith("/bulletin.html") || l.endsWith("/bulletin.pdf"));
    for (String link : links) {
      assertThat(site.resolve(link)).as(link).exists();
    }
    assertThat(index.selectFirst("link[type=application/atom+xml]").attr("href"))
        .isEqualTo("feed.zh-CN.xml");
    assertThat(page("index.html").select("main a[href]").eachAttr("href"))
        .contains("2024/W51/bulletin.html");

    String chineseFeed = Files.readString(site.resolve("feed.zh-CN.xml"));
    String englishFeed = Files.readString(site.resolve("feed.xml"));
    assertThat(chineseFeed)
        .contains("xml:lang=\"zh-CN\"")
        .contains("https://cert.example/bulletins/2024/W51/bulletin.zh-CN.pdf")
        .contains("https://cert.example/bulletins/feed.zh-CN.xml");
    assertThat(ids(chineseFeed)).doesNotContainAnyElementsOf(ids(englishFeed)).hasSize(9);
  }

  @Test
  void theChinesePdfIsPdfAAndCarriesTheChineseTextWithEveryGlyphDrawn() throws IOException {
    byte[] pdf = Files.readAllBytes(site.resolve("2024/W51/bulletin.zh-CN.pdf"));
    assertThat(PdfAValidation.failures(pdf, PDFAFlavour.PDFA_3_A)).isEmpty();
    String text = String.join("\n", PdfText.pages(pdf)).replaceAll("\\s+", "");
    assertThat(text)
        .contains(TITLE_ZH)
        .contains("攻击者利用某单位文档安全管理（加密）系统漏洞")
        .contains("146")
        .contains("92")
        .contains("2,950")
        .contains("环比")
        .contains("本期周报其他语言版本")
        .doesNotContain(TITLE_EN)
        .doesNotContain("#");
    // the trend chart's legend is drawn as text, in the Chinese face, besides the figure's label
    assertThat(text.split("跨境网络安全事件", -1)).hasSizeGreaterThanOrEqualTo(3);
    assertThat(PdfFonts.notdefGlyphs(pdf)).as("glyphs drawn as .notdef").isEmpty();
    assertThat(pdf.length).as("the Chinese PDF stays small").isLessThan(1_500_000);
  }

  @Test
  void theEnglishPdfLinksToTheChineseOneInTheArchive() throws IOException {
    byte[] pdf = Files.readAllBytes(site.resolve("2024/W51/bulletin.pdf"));
    String text = String.join("\n", PdfText.pages(pdf));
    assertThat(text)
        .containsPattern("This bulletin in other languages: +Chinese")
        .contains("https://cert.example/bulletins/2024/W51/bulletin.zh-CN.pdf")
        .contains(TITLE_EN);
    assertThat(PdfFonts.names(pdf))
        .as("no Chinese font for the link")
        .noneMatch(f -> f.contains("WenQuanYi"));
    assertThat(PdfFonts.names(Files.readAllBytes(site.resolve("2024/W51/bulletin.zh-CN.pdf"))))
        .anyMatch(f -> f.contains("WenQuanYi"));
  }

  @Test
  void aSecondPublishWithNothingChangedLeavesTheArchiveAsItWas() throws Exception {
    String sums = Files.readString(site.resolve("SHA256SUMS"));

    var report = new BulletinService(sample.workspace()).publish(ProgressListener.NONE);

    assertThat(report.built()).isEmpty();
    assertThat(report.skipped()).hasSize(8);
    assertThat(report.generation()).as("no new generation").isEmpty();
    assertThat(Files.readString(site.resolve("SHA256SUMS"))).isEqualTo(sums);
  }

  @Test
  void everyEditionIsValidHtml() throws IOException {
    for (String file :
        List.of(
            "2024/W51/bulletin.html",
            "2024/W51/bulletin.zh-CN.html",
            "index.html",
            "index.zh-CN.html")) {
      assertThat(HtmlValidation.errors(Files.readAllBytes(site.resolve(file)))).as(file).isEmpty();
    }
  }

  @Test
  void renderingAgainGivesTheSameBytesInEveryLanguage(@TempDir Path again) throws Exception {
    SampleWorkspace second = SampleWorkspace.copyAsShipped(again);
    Map<String, byte[]> first =
        new BulletinService(sample.workspace()).render(W51, EnumSet.allOf(Format.class)).files();
    Map<String, byte[]> other =
        new BulletinService(second.workspace()).render(W51, EnumSet.allOf(Format.class)).files();
    assertThat(other.keySet()).containsExactlyElementsOf(first.keySet()).hasSize(6);
    first.forEach((name, bytes) -> assertThat(other.get(name)).as(name).isEqualTo(bytes));
    assertThat(Files.readAllBytes(site.resolve("2024/W51/bulletin.zh-CN.pdf")))
        .isEqualTo(first.get("bulletin.zh-CN.pdf"));
  }

  @Test
  void aListInChineseGetsTheChineseEditionAndTheEnglishListTheEnglishOne(@TempDir Path folder) {
    SampleWorkspace lists = SampleWorkspace.copyAsShipped(folder);
    lists.editConfig(
        json ->
            json.replace(
                "\"format\": \"text\"", "\"format\": \"text\",\n      \"language\": \"zh-CN\""));
    BulletinService bulletins = new BulletinService(lists.workspace());
    MailService mail = new MailService(bulletins, (smtp, environment) -> null);

    ListEdition chinese =
        mail.renderForList(W51, bulletins.data().config().list("government").orElseThrow());
    ListEdition english =
        mail.renderForList(W51, bulletins.data().config().list("public").orElseThrow());

    assertThat(chinese.bodies().subject()).contains("网络安全信息与动态周报", "示例国家互联网应急中心");
    assertThat(chinese.bodies().text())
        .contains(TITLE_ZH)
        .contains("https://cert.example/bulletins/2024/W51/bulletin.zh-CN.html")
        .doesNotContain(TITLE_EN);
    assertThat(chinese.attachmentName()).isEqualTo("SN-CERT-2024-W51-CLEAR-zh-CN.pdf");
    assertThat(String.join("", PdfText.pages(chinese.pdf())).replaceAll("\\s+", ""))
        .contains(TITLE_ZH);
    assertThat(english.bodies().subject()).contains("Weekly Security Bulletin");
    assertThat(english.bodies().html()).contains(TITLE_EN).doesNotContain(TITLE_ZH);
    assertThat(english.attachmentName()).isEqualTo("SN-CERT-2024-W51-CLEAR.pdf");
  }

  @Test
  void aBulletinWrittenFirstInChineseHasTheChineseEditionUnderThePlainNames(@TempDir Path folder)
      throws IOException {
    SampleWorkspace chineseFirst = SampleWorkspace.copyAsShipped(folder);
    chineseFirst.editConfig(
        json -> json.replace("\"en\",\n    \"zh-CN\"\n  ]", "\"zh-CN\",\n    \"en\"\n  ]"));

    Path built =
        new BulletinService(chineseFirst.workspace()).build(W51, EnumSet.of(Format.HTML)).folder();

    Document main = Jsoup.parse(Files.readString(built.resolve("bulletin.html")));
    Document english = Jsoup.parse(Files.readString(built.resolve("bulletin.en.html")));
    assertThat(main.selectFirst("html").attr("lang")).isEqualTo("zh-CN");
    assertThat(main.select("#highlights h3").eachText()).contains(TITLE_ZH);
    assertThat(english.selectFirst("html").attr("lang")).isEqualTo("en");
    assertThat(main.selectFirst(".translations a").attr("href")).isEqualTo("bulletin.en.html");
  }

  @Test
  void aTextMissingInOneOfTheLanguagesIsAnErrorNamingTheFieldAndTheLanguage(@TempDir Path folder) {
    SampleWorkspace missing = SampleWorkspace.copyAsShipped(folder);
    missing.editWeek(
        "2024-W51",
        json ->
            json.replace(
                "\"title\": {\n        \"en\": \"Microsoft Exchange flaw used to take the mail"
                    + " server and 30+ devices\",\n        \"zh-CN\": ",
                "\"title\": {\n        \"en\": \"Microsoft Exchange flaw used to take the mail"
                    + " server and 30+ devices\",\n        \"fr\": "));
    BulletinService bulletins = new BulletinService(missing.workspace());

    assertThatThrownBy(() -> bulletins.render(W51, EnumSet.of(Format.HTML)))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("2024-W51.json:")
        .hasMessageContaining(
            "/highlights/1/title: has no 'zh-CN' text, but the bulletin is written in en, zh-CN;"
                + " add \"zh-CN\": \"...\"");
    assertThat(missing.out()).doesNotExist();
  }

  @Test
  void aListInALanguageTheBulletinIsNotWrittenInGetsItsWordsAndTheMainLanguagesTexts(
      @TempDir Path folder) {
    SampleWorkspace englishOnly = SampleWorkspace.copyAsShipped(folder);
    englishOnly.editConfig(
        json ->
            json.replace("\"en\",\n    \"zh-CN\"\n  ]", "\"en\"\n  ]")
                .replace(
                    "\"format\": \"text\"",
                    "\"format\": \"text\",\n      \"language\": \"zh-CN\""));
    BulletinService bulletins = new BulletinService(englishOnly.workspace());
    assertThat(bulletins.validate(List.of(W51))).isEmpty();

    ListEdition edition =
        new MailService(bulletins, (smtp, environment) -> null)
            .renderForList(W51, bulletins.data().config().list("government").orElseThrow());

    assertThat(edition.bodies().text())
        .as("the bundle's words in Chinese")
        .contains("本周概况")
        .as("the texts of the bulletin's one language")
        .contains(TITLE_EN)
        .doesNotContain(TITLE_ZH)
        .as("the web link goes to the page that exists")
        .contains("https://cert.example/bulletins/2024/W51/bulletin.html")
        .doesNotContain("bulletin.zh-CN.html");
  }

  @Test
  void aWeekBeforeThatLacksATranslationStillGivesItsFiguresToTheNext(@TempDir Path folder) {
    SampleWorkspace untranslated = SampleWorkspace.copyAsShipped(folder);
    untranslated.editWeek("2024-W50", json -> json.replaceFirst("\"zh-CN\": ", "\"fr\": "));
    BulletinService bulletins = new BulletinService(untranslated.workspace());

    assertThatThrownBy(() -> bulletins.data().week(WeekId.parse("2024-W50")))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("has no 'zh-CN' text");
    var w51 = bulletins.data().bulletin(W51, java.util.Locale.forLanguageTag("zh-CN"));
    assertThat(w51.previous()).as("W50's figures for the changes").isPresent();
    assertThat(w51.history()).hasSize(7);
  }

  @Test
  void aBundleCopiedBeforeThePdfMetadataKeysStillRendersThePdf(@TempDir Path folder)
      throws IOException {
    SampleWorkspace old = SampleWorkspace.copyTo(folder);
    Path bundle = old.templates().resolve("messages/messages_en.properties");
    String before = Files.readString(bundle);
    String without = before.replaceAll("(?m)^pdf\\.[a-z]+=.*\n", "");
    assertThat(without).isNotEqualTo(before);
    Files.writeString(bundle, without);

    Path built = new BulletinService(old.workspace()).build(W51, EnumSet.of(Format.PDF)).folder();

    try (PDDocument document = Loader.loadPDF(built.resolve("bulletin.pdf").toFile())) {
      assertThat(document.getDocumentInformation().getSubject())
          .startsWith("Weekly Security Bulletin of Sample National CERT for 2024-W51");
    }
  }

  private static Document page(String file) throws IOException {
    return Jsoup.parse(Files.readString(site.resolve(file), StandardCharsets.UTF_8));
  }

  private static List<String> ids(String feed) {
    return Jsoup.parse(feed, "", org.jsoup.parser.Parser.xmlParser()).select("id").eachText();
  }
}
