package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.ingest.WeekWriter;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Format;
import org.certbulletin.model.Revision;
import org.certbulletin.model.WeekId;
import org.certbulletin.testing.HtmlValidation;
import org.certbulletin.testing.PdfAValidation;
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
 * A corrected bulletin says so first, in every language: when, what changed (the old figure and the
 * new) and the editor's note, on the page, in the PDF and in the mail; an earlier version's page
 * says that it was superseded and where the current one is.
 */
class CorrectionNoteTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");
  private static final Locale CHINESE = Locale.forLanguageTag("zh-CN");
  private static final String NOTE = "Version 1 counted six incidents twice.";
  private static final String NOTE_ZH = "第1版将六起事件重复统计。";

  @TempDir static Path root;

  static BulletinRenderer renderer;
  static Bulletin english;
  static Bulletin chinese;
  static RenderedBulletin correctedEn;
  static RenderedBulletin correctedZh;
  static RenderedBulletin supersededEn;

  @BeforeAll
  static void render() {
    SampleWorkspace sample = SampleWorkspace.copyAsShipped(root);
    DataDirectory data = new DataDirectory(sample.workspace().data());
    renderer = new BulletinRenderer(sample.workspace().templates());
    english = data.bulletin(W51, Locale.ENGLISH);
    chinese = data.bulletin(W51, CHINESE);
    correctedEn = render(Corrections.corrected(english, NOTE), EnumSet.allOf(Format.class));
    correctedZh = render(Corrections.corrected(chinese, NOTE_ZH), EnumSet.allOf(Format.class));
    supersededEn = render(Corrections.superseded(english), EnumSet.allOf(Format.class));
  }

  @Test
  void theEnglishPageSaysFirstWhenAndWhatWasCorrected() {
    Document page = html(correctedEn);
    Element note = page.selectFirst("main > section#correction");
    assertThat(note).isNotNull();
    assertThat(page.selectFirst("main > section").id())
        .as("first in the bulletin")
        .isEqualTo("correction");
    assertThat(note.attr("aria-labelledby")).isEqualTo("correction-title");
    assertThat(note.selectFirst("h2").text())
        .isEqualTo("Corrected on 27 December 2024 (version 2)");
    assertThat(note.selectFirst("time").attr("datetime")).isEqualTo("2024-12-27T06:30:00Z");
    assertThat(note.select(".correction-changes li").eachText())
        .containsExactly(
            "Incidents handled: 140 \u2192 146",
            "Incidents handled, Phishing: 32 \u2192 38",
            "Advisory added: SNC-2024-0514 \u2013 Apache NimBLE (Medium)");
    assertThat(note.selectFirst(".correction-note").text()).isEqualTo(NOTE);
    assertThat(note.select(".correction-history li").eachText())
        .containsExactly(
            "Version 1, published 25 December 2024, 10:00 (UTC+08:00), approved by Li" + " Wei",
            "Version 2, published 27 December 2024, 14:30 (UTC+08:00), approved by Ana" + " Silva");
  }

  @Test
  void theCorrectedAndSupersededPagesAreValidHtml() {
    assertThat(HtmlValidation.errors(correctedEn.file(Format.HTML).orElseThrow())).isEmpty();
    assertThat(HtmlValidation.errors(correctedZh.file(Format.HTML).orElseThrow())).isEmpty();
    assertThat(HtmlValidation.errors(supersededEn.file(Format.HTML).orElseThrow())).isEmpty();
  }

  @Test
  void theChinesePageSaysItInChinese() {
    Element note = html(correctedZh).selectFirst("main > section#correction");
    assertThat(note.selectFirst("h2").text()).isEqualTo("2024年12月27日更正（第2版）");
    assertThat(note.select(".correction-changes li").eachText())
        .containsExactly(
            "协调处置网络安全事件：140 \u2192 146",
            "协调处置网络安全事件（网页仿冒）：32 \u2192 38",
            "新增安全公告：SNC-2024-0514——Apache NimBLE（中危）");
    assertThat(note.select("h3").eachText()).containsExactly("更正内容", "编者按", "版本记录");
    assertThat(note.selectFirst(".correction-note").text()).isEqualTo(NOTE_ZH);
  }

  @Test
  void thePdfCarriesTheNoteOnItsFirstPageInEachLanguage() {
    String en = PdfText.pages(correctedEn.file(Format.PDF).orElseThrow()).get(0);
    assertThat(en)
        .contains(
            "Corrected on 27 December 2024 (version 2)",
            "Incidents handled: 140 \u2192 146",
            "32 \u2192 38",
            "Editor's note",
            NOTE);
    String zh = PdfText.pages(correctedZh.file(Format.PDF).orElseThrow()).get(0);
    assertThat(zh).contains("2024年12月27日更正（第2版）", "协调处置网络安全事件：140", "编者按", NOTE_ZH);
  }

  @Test
  void theCorrectedPdfIsStillPdfA3aAndPdfUa1() {
    assertThat(
            PdfAValidation.failures(
                correctedEn.file(Format.PDF).orElseThrow(),
                List.of(PDFAFlavour.PDFUA_1, PDFAFlavour.PDFA_3_A)))
        .isEmpty();
    assertThat(
            PdfAValidation.failures(
                correctedZh.file(Format.PDF).orElseThrow(),
                List.of(PDFAFlavour.PDFUA_1, PDFAFlavour.PDFA_3_A)))
        .isEmpty();
  }

  @Test
  void anEarlierVersionSaysItWasSupersededAndLinksToTheCurrentOne() {
    Element banner = html(supersededEn).selectFirst("header .superseded-banner");
    assertThat(banner.attr("role")).isEqualTo("note");
    assertThat(banner.text())
        .startsWith(
            "Superseded: this is version 1 of this bulletin, corrected on 27 December 2024 by"
                + " version 2.");
    assertThat(banner.selectFirst("a").attr("href")).isEqualTo("../bulletin.html");
    assertThat(html(supersededEn).selectFirst("#correction"))
        .as("not itself a correction")
        .isNull();
    String pdf = PdfText.pages(supersededEn.file(Format.PDF).orElseThrow()).get(0);
    assertThat(pdf.replace('\n', ' '))
        .contains(
            "Superseded: this is version 1",
            "Read the current version",
            "https://cert.example/bulletins/2024/W51/bulletin.pdf");
    assertThat(html(correctedEn).selectFirst(".superseded-banner")).as("control").isNull();
  }

  @Test
  void aBulletinWithoutRevisionRendersAsBefore() {
    RenderedBulletin plain = render(english, EnumSet.allOf(Format.class));
    Bulletin empty =
        new Bulletin(
            english.week(),
            english.previous(),
            english.history(),
            english.config(),
            Optional.empty());
    RenderedBulletin alsoPlain = render(empty, EnumSet.allOf(Format.class));
    assertThat(alsoPlain.file(Format.HTML)).contains(plain.file(Format.HTML).orElseThrow());
    assertThat(alsoPlain.file(Format.PDF)).contains(plain.file(Format.PDF).orElseThrow());
    assertThat(html(plain).selectFirst("#correction")).isNull();
    assertThat(correctedEn.file(Format.HTML).orElseThrow())
        .as("control: a revision changes the page")
        .isNotEqualTo(plain.file(Format.HTML).orElseThrow());
  }

  @Test
  void aFirstVersionNothingSupersededShowsNoVersion() {
    RenderedBulletin plain = render(english, EnumSet.of(Format.HTML));
    RenderedBulletin first =
        render(
            english.withRevision(Revision.first(Corrections.FIRST_PUBLISHED, Optional.empty())),
            EnumSet.of(Format.HTML));
    assertThat(first.file(Format.HTML)).contains(plain.file(Format.HTML).orElseThrow());
  }

  @Test
  void theCorrectionMailSaysWhatChangedFirstInTextAndHtml() {
    MailBodies mail =
        renderer.renderMail(
            Corrections.corrected(english, NOTE), "b.pdf", Optional.empty(), Optional.empty());
    assertThat(mail.subject()).startsWith("[Correction, version 2] [TLP:CLEAR]");
    assertThat(mail.text())
        .contains(
            "*** Corrected on 27 December 2024 (version 2) ***",
            "- Incidents handled: 140 \u2192 146",
            "- Advisory added: SNC-2024-0514 \u2013 Apache NimBLE (Medium)",
            "Editor's note: " + NOTE);
    assertThat(mail.text().indexOf("Corrected on"))
        .as("before the summary")
        .isLessThan(mail.text().indexOf("THE WEEK IN BRIEF"));
    Document html = Jsoup.parse(mail.html());
    assertThat(html.select("h2").first().text())
        .isEqualTo("Corrected on 27 December 2024 (version 2)");
    assertThat(html.select("li").eachText()).contains("Incidents handled: 140 \u2192 146");
    assertThat(html.text()).contains(NOTE);

    MailBodies plain = renderer.renderMail(english, "b.pdf", Optional.empty(), Optional.empty());
    assertThat(plain.subject()).as("control").startsWith("[TLP:CLEAR]");
    assertThat(plain.text()).doesNotContain("Corrected on");
  }

  @Test
  void theChineseCorrectionMailSaysItInChinese() {
    MailBodies mail =
        renderer.renderMail(
            Corrections.corrected(chinese, NOTE_ZH), "b.pdf", Optional.empty(), Optional.empty());
    assertThat(mail.subject()).startsWith("【更正·第2版】");
    assertThat(mail.text())
        .contains("2024年12月27日更正（第2版）", "- 协调处置网络安全事件：140 \u2192 146", "编者按：" + NOTE_ZH);
    assertThat(Jsoup.parse(mail.html()).text()).contains("更正内容", NOTE_ZH);
  }

  @Test
  void theEditionJsonCarriesTheVersionTheHistoryAndTheChanges() throws Exception {
    Bulletin corrected = Corrections.corrected(english, NOTE);
    var json = org.certbulletin.files.JsonMapping.mapper().readTree(WeekWriter.write(corrected));
    var revision = json.get("revision");
    assertThat(revision.get("version").asInt()).isEqualTo(2);
    assertThat(revision.get("history")).hasSize(2);
    assertThat(revision.get("history").get(0).get("published").asString())
        .isEqualTo("2024-12-25T02:00:00Z");
    assertThat(revision.get("history").get(0).get("approved_by").asString()).isEqualTo("Li Wei");
    var change = revision.get("correction").get("changes").get(0);
    assertThat(change.get("kind").asString()).isEqualTo("tally");
    assertThat(change.get("subject").asString()).isEqualTo("incidents");
    assertThat(change.get("before").asString()).isEqualTo("140");
    assertThat(change.get("after").asString()).isEqualTo("146");
    assertThat(revision.get("correction").get("corrected_at").asString())
        .isEqualTo("2024-12-27T06:30:00Z");
    assertThat(revision.get("correction").get("note").asString()).isEqualTo(NOTE);
    assertThat(json.get("week").asString()).as("the week as before").isEqualTo("2024-W51");

    assertThat(WeekWriter.write(english))
        .as("control: without a revision, the week's JSON as it was")
        .isEqualTo(WeekWriter.write(english.week()));
  }

  @Test
  void anEditionKeepsItsRevision() {
    Bulletin corrected = Corrections.corrected(english, NOTE);
    assertThat(corrected.editionFor(corrected.week().tlp()).revision())
        .isEqualTo(corrected.revision())
        .isPresent();
  }

  private static RenderedBulletin render(Bulletin bulletin, EnumSet<Format> formats) {
    return renderer.render(bulletin, WeekWriter.write(bulletin), formats);
  }

  private static Document html(RenderedBulletin rendered) {
    return Jsoup.parse(
        new String(rendered.file(Format.HTML).orElseThrow(), StandardCharsets.UTF_8));
  }
}
