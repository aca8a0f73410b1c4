package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.testing.PdfAValidation;
import org.certbulletin.testing.PdfFonts;
import org.certbulletin.testing.PdfText;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * The bulletin's own words in Chinese, as CNCERT/CC writes its weekly report: dates, week-over-week
 * changes, the issue line, the summary's sentence patterns and full-width punctuation.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class ChineseEditionTest {

  private static final Locale ZH_CN = Locale.forLanguageTag("zh-CN");

  private final Messages messages = Messages.load(Path.of("templates"), ZH_CN);
  private final Formats formats = new Formats(messages);

  @Test
  void writesPeriodsTheChineseWay() {
    assertThat(period("2024-W51")).isEqualTo("2024年12月16日至22日");
    assertThat(period("2024-W48")).isEqualTo("2024年11月25日至12月1日");
    assertThat(period("2025-W01")).isEqualTo("2024年12月30日至2025年1月5日");
  }

  @Test
  void everyBundleHasEveryKeyOfTheEnglishOne() throws IOException {
    Set<String> english = keys(Path.of("templates/messages/messages_en.properties"));
    try (var bundles = Files.list(Path.of("templates/messages"))) {
      for (Path bundle : bundles.toList()) {
        assertThat(keys(bundle)).as(bundle.toString()).isEqualTo(english);
      }
    }
  }

  @Test
  void theSampleWeekReadsAsCncertWritesIt(SampleWorkspace sample) throws IOException {
    sample.editConfig(
        json -> json.replace("\"languages\": [\"en\"]", "\"languages\": [\"zh-CN\"]"));

    new BulletinService(sample.workspace())
        .build(WeekId.parse("2024-W51"), EnumSet.of(Format.HTML));

    Document page =
        Jsoup.parse(Files.readString(sample.out().resolve("site/2024/W51/bulletin.html")), "UTF-8");
    assertThat(page.selectFirst("html").attr("lang")).isEqualTo("zh-CN");
    assertThat(page.selectFirst(".issue-line").text()).isEqualTo("2024年第51期（总第1179期）");
    assertThat(page.selectFirst(".period").text()).contains("2024年12月16日至22日");
    String summary =
        String.join("\n", page.select("#summary > p.prose:not(.situation-text)").eachText());
    assertThat(summary)
        .contains(
            "2024年第51周（2024年12月16日至22日），Sample National CERT共协调处置网络安全事件146起，"
                + "较上周环比上升5.8%；其中跨境网络安全事件92起，约占63.0%。")
        .contains("事件类型以网页仿冒（38起）、安全漏洞（35起）和恶意程序（30起）为主。")
        .contains("数据安全事件2,950起（环比下降5.6%）")
        .contains("本期转发安全公告4条（超危1条、高危2条、中危1条），涉及")
        .doesNotContain(". ")
        .doesNotContain(", ");
    assertThat(page.select(".change .versus").eachText()).contains("环比上升", "环比下降");
    assertThat(page.select(".remediation .label").eachText()).allMatch(t -> t.endsWith("："));
  }

  @Test
  void theChinesePdfIsPdfACarriesTheChineseTextAndDrawsEveryGlyph(SampleWorkspace sample)
      throws IOException {
    sample.editConfig(
        json -> json.replace("\"languages\": [\"en\"]", "\"languages\": [\"zh-CN\"]"));

    new BulletinService(sample.workspace()).build(WeekId.parse("2024-W51"), EnumSet.of(Format.PDF));

    byte[] pdf = Files.readAllBytes(sample.out().resolve("site/2024/W51/bulletin.pdf"));
    assertThat(PdfAValidation.failures(pdf, PDFAFlavour.PDFA_3_A)).isEmpty();
    String text = String.join("\n", PdfText.pages(pdf));
    assertThat(text)
        .contains("本周概况")
        .contains("2024年第51期")
        .contains("环比下降5.6%")
        .contains("146")
        .contains("2,950")
        .contains("页，共");
    assertThat(PdfFonts.names(pdf)).anyMatch(name -> name.contains("WenQuanYi"));
  }

  private String period(String week) {
    WeekId id = WeekId.parse(week);
    return formats.period(id.start(), id.end());
  }

  private static Set<String> keys(Path bundle) throws IOException {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(bundle, StandardCharsets.UTF_8)) {
      properties.load(in);
    }
    return new TreeSet<>(properties.stringPropertyNames());
  }
}
