package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
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
 * The charts as the built pages carry them, in both editions: one order for a breakdown in its
 * card, its chart (both drawings), its data table and its text alternative; the Chinese edition's
 * weeks as 第N周; one font stack for a chart's labels and digits; a chart of zeros left out with a
 * sentence.
 */
class ChartsInTheBulletinTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");

  /** Incidents by type with the file's order unlike the catalogue's, and a tie. */
  private static final String BREAKDOWN =
      """
      "breakdown": {
              "other": 12,
              "ddos": 6,
              "backdoor": 12,
              "defacement": 15,
              "malware": 30,
              "vulnerability": 35,
              "phishing": 36
            }\
      """;

  @TempDir static Path root;

  static Document english;
  static Document chinese;

  @BeforeAll
  static void build() throws IOException {
    SampleWorkspace sample = SampleWorkspace.copyAsShipped(root.resolve("sample"));
    sample.editWeek(
        W51.toString(),
        json -> json.replaceFirst("(?s)\"breakdown\": \\{[^}]*\"other\": 10\\s*}", BREAKDOWN));
    english = page(sample, "bulletin.html");
    chinese = page(sample, "bulletin.zh-CN.html");
  }

  @Test
  void showsABreakdownLargestFirstInTheSameOrderEverywhere() {
    List<String> order =
        List.of(
            "Phishing",
            "Vulnerability exploitation",
            "Malware",
            "Defacement",
            "Backdoor",
            "Other",
            "DDoS");
    assertThat(english.select(".figure-incidents .part-label").eachText()).isEqualTo(order);
    assertThat(english.select("#chart-types svg.chart-wide .bar-label").eachText())
        .isEqualTo(order);
    assertThat(english.select("#chart-types svg.chart-narrow .bar-label").eachText())
        .isEqualTo(order);
    assertThat(english.select("#chart-types .chart-table tbody th").eachText()).isEqualTo(order);
    assertThat(english.select("#chart-types svg.chart-wide desc").text())
        .contains(
            "phishing 36, vulnerability exploitation 35, malware 30, defacement 15, backdoor 12,"
                + " other 12 and DDoS 6");

    List<String> chineseOrder = List.of("网页仿冒", "安全漏洞", "恶意程序", "网页篡改", "网站后门", "其他", "拒绝服务攻击");
    assertThat(chinese.select(".figure-incidents .part-label").eachText()).isEqualTo(chineseOrder);
    assertThat(chinese.select("#chart-types svg.chart-narrow .bar-label").eachText())
        .isEqualTo(chineseOrder);
  }

  @Test
  void keepsTheSeverityScalesOrder() {
    assertThat(english.select("#chart-severity svg.chart-wide .bar-label").eachText())
        .containsExactly("Critical", "High", "Medium", "Low");
    assertThat(english.select(".figure-vulnerabilities .part-label").eachText())
        .containsExactly("High", "Medium", "Low");
  }

  @Test
  void writesTheChineseEditionsWeeksAsChineseWeeks() {
    assertThat(chinese.select("#chart-trend svg.chart-wide text.tick-x").eachText())
        .containsExactly("第44周", "第45周", "第46周", "第47周", "第48周", "第49周", "第50周", "第51周");
    assertThat(chinese.select("#chart-trend svg.chart-narrow text.tick-x.newest").text())
        .isEqualTo("第51周");
    assertThat(chinese.select("#chart-trend .chart-table tbody th").eachText())
        .first()
        .isEqualTo("第44周");
    assertThat(chinese.select("#chart-trend svg.chart-wide desc").text())
        .contains("协调处置网络安全事件从第44周的118上升至第51周的146");
    assertThat(chinese.select("#charts svg text").eachText()).noneMatch(t -> t.matches("W\\d+"));
    assertThat(english.select("#chart-trend svg.chart-wide text.tick-x.newest").text())
        .as("control: English keeps W51")
        .isEqualTo("W51");
  }

  @Test
  void writesThisWeeksValueAtTheEndOfEachLine() {
    for (String variant : List.of("wide", "narrow")) {
      assertThat(
              english.select("#chart-trend svg.chart-" + variant + " text.value.newest").eachText())
          .containsExactly("146", "92");
    }
  }

  @Test
  void drawsEveryLabelAndDigitOfAChartInTheEditionsTextFace() {
    for (Document page : List.of(english, chinese)) {
      List<Element> svgs = page.select("#charts svg");
      assertThat(svgs).hasSize(6);
      String body = page.select("style").html();
      String stack = svgs.get(0).attr("font-family");
      assertThat(body).as("the page's text stack").contains("body { font-family: " + stack + ";");
      assertThat(svgs).allSatisfy(svg -> assertThat(svg.attr("font-family")).isEqualTo(stack));
      assertThat(page.select("#charts svg text"))
          .as("control: the charts have text")
          .hasSizeGreaterThan(20);
      assertThat(page.select("#charts svg [font-family]")).isEmpty();
    }
    assertThat(chinese.select("#charts svg").attr("font-family"))
        .startsWith("\"WenQuanYi Micro Hei\"");
  }

  @Test
  void replacesAChartOfZerosByASentence(@TempDir Path quietRoot) throws IOException {
    assertThat(english.select("#chart-severity svg")).as("control: drawn in the sample").hasSize(2);
    SampleWorkspace sample = SampleWorkspace.copyAsShipped(quietRoot);
    sample.editWeek(
        W51.toString(),
        json -> json.replaceFirst("(?s)\"advisories\": \\[.*?\n  \\],", "\"advisories\": [],"));
    Document quiet = page(sample, "bulletin.html");
    Document quietChinese = page(sample, "bulletin.zh-CN.html");

    assertThat(quiet.select("#chart-severity svg")).isEmpty();
    assertThat(quiet.select("#chart-severity").text())
        .isEqualTo("Advisories by severity This issue has no advisories.");
    assertThat(quietChinese.select("#chart-severity .chart-none-text").text())
        .isEqualTo("本期无安全公告。");
    assertThat(quiet.select("#chart-types svg")).as("the other charts are drawn").hasSize(2);
  }

  private static Document page(SampleWorkspace sample, String file) throws IOException {
    Path folder =
        new BulletinService(sample.workspace()).build(W51, EnumSet.of(Format.HTML)).folder();
    return Jsoup.parse(Files.readString(folder.resolve(file)));
  }
}
