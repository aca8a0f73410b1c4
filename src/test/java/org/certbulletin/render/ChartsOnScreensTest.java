package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.testing.BrowserTab;
import org.certbulletin.testing.Chromium;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The charts as headless Chromium lays out the built pages of both editions: on a phone (375 px)
 * this week's label and values of every chart are on the screen, none off its right edge, and no
 * chart scrolls; on a desktop (1200 px) a chart takes the column's width. The boxes are the
 * browser's own (getBoundingClientRect of each SVG text). Skipped, saying what to install, where
 * there is no Chromium.
 */
@Tag("slow")
class ChartsOnScreensTest {

  private static final int PHONE = 375;
  private static final int DESKTOP = 1200;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The rules the pages had before charts had a drawing for phones: one scrolling drawing. */
  private static final String OLD_RULES =
      ".chart-narrow { display: none !important; }"
          + " .chart-wide { display: block !important; min-width: 560px; }"
          + " .chart { overflow-x: auto; }";

  /**
   * For each chart, the drawing shown and the boxes of its newest-week label, its values written
   * for this week, and its bars' labels and values.
   */
  private static final String MEASURE =
      """
      JSON.stringify((() => {
        const charts = [];
        for (const figure of document.querySelectorAll('figure.chart')) {
          const svg = [...figure.querySelectorAll('svg.chart-svg')]
              .find(s => s.getBoundingClientRect().width > 0);
          const boxes = [...svg.querySelectorAll('text.newest, text.bar-label, text.bar-value')]
              .map(t => { const r = t.getBoundingClientRect();
                          return {text: t.textContent, left: r.left, right: r.right}; });
          charts.push({id: figure.id, drawing: svg.getAttribute('class'),
                       width: svg.getBoundingClientRect().width,
                       scrolls: figure.scrollWidth > figure.clientWidth, boxes});
        }
        return {viewport: document.documentElement.clientWidth,
                column: document.querySelector('#charts').getBoundingClientRect().width, charts};
      })())\
      """;

  @TempDir static Path root;

  static Path english;
  static Path chinese;
  static Chromium browser;

  @BeforeAll
  static void start() throws IOException {
    Optional<Path> binary = Chromium.find();
    if (binary.isEmpty()) {
      System.err.println(
          "\n*** ChartsOnScreensTest SKIPPED: no Chromium, so the charts were NOT checked on a"
              + " phone's screen: "
              + Chromium.INSTALL_HINT
              + " ***\n");
      return;
    }
    SampleWorkspace sample = SampleWorkspace.copyAsShipped(root.resolve("sample"));
    Path folder =
        new BulletinService(sample.workspace())
            .build(WeekId.parse("2024-W51"), EnumSet.of(Format.HTML))
            .folder();
    english = folder.resolve("bulletin.html");
    chinese = folder.resolve("bulletin.zh-CN.html");
    browser = Chromium.start(binary.get());
  }

  @BeforeEach
  void needsTheBrowser() {
    assumeTrue(browser != null, () -> "no Chromium: " + Chromium.INSTALL_HINT);
  }

  @AfterAll
  static void stop() throws IOException {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void anEnglishPhoneShowsThisWeeksLabelAndValuesOfEveryChart() throws IOException {
    JsonNode layout = measure(english, PHONE, "");
    assertThat(texts(layout, "chart-trend")).contains("W51", "146", "92");
    assertThat(texts(layout, "chart-types")).contains("Phishing", "38", "DDoS", "6");
    assertThat(texts(layout, "chart-severity")).contains("High", "2");
    assertThat(texts(layout, "chart-vulnerabilities-object"))
        .contains("Application", "212", "Database", "9");
    assertAllOnScreen(layout);
  }

  @Test
  void aChinesePhoneShowsThisWeeksLabelAndValuesOfEveryChart() throws IOException {
    JsonNode layout = measure(chinese, PHONE, "");
    assertThat(texts(layout, "chart-trend")).contains("第51周", "146", "92");
    assertThat(texts(layout, "chart-types")).contains("网页仿冒", "38", "拒绝服务攻击", "6");
    assertAllOnScreen(layout);
  }

  /** The control: with the old rules the check sees this week off the screen. */
  @Test
  void seesThisWeekOffScreenWhenAChartIsWiderThanThePhone() throws IOException {
    JsonNode layout = measure(english, PHONE, OLD_RULES);
    assertThat(offScreen(layout)).contains("W51", "146", "92");
    assertThat(layout.path("charts").get(0).path("scrolls").asBoolean()).isTrue();
  }

  @Test
  void aDesktopChartTakesTheColumnsWidth() throws IOException {
    for (Path page : List.of(english, chinese)) {
      JsonNode layout = measure(page, DESKTOP, "");
      assertThat(layout.path("charts")).hasSize(4);
      for (JsonNode chart : layout.path("charts")) {
        assertThat(chart.path("drawing").asString()).contains("chart-wide");
        assertThat(chart.path("width").asDouble())
            .as("%s in %s", chart.path("id").asString(), page.getFileName())
            .isGreaterThan(0.85 * layout.path("column").asDouble());
      }
    }
  }

  /** The control: the old 720 px cap leaves a chart narrower than the check asks. */
  @Test
  void seesAChartThatKeepsToPartOfTheColumn() throws IOException {
    JsonNode layout = measure(english, DESKTOP, ".chart-svg { max-width: 720px; }");
    JsonNode trend = layout.path("charts").get(0);
    assertThat(trend.path("width").asDouble()).isLessThan(0.85 * layout.path("column").asDouble());
  }

  private static void assertAllOnScreen(JsonNode layout) {
    assertThat(layout.path("viewport").asInt()).isEqualTo(PHONE);
    assertThat(layout.path("charts")).hasSize(4);
    for (JsonNode chart : layout.path("charts")) {
      assertThat(chart.path("drawing").asString()).contains("chart-narrow");
      assertThat(chart.path("scrolls").asBoolean()).as(chart.path("id").asString()).isFalse();
    }
    assertThat(offScreen(layout)).isEmpty();
  }

  /** The texts whose box reaches past either edge of the screen, with where they are. */
  private static List<String> offScreen(JsonNode layout) {
    double width = layout.path("viewport").asDouble();
    List<String> off = new ArrayList<>();
    for (JsonNode chart : layout.path("charts")) {
      for (JsonNode box : chart.path("boxes")) {
        if (box.path("left").asDouble() < 0 || box.path("right").asDouble() > width) {
          off.add(box.path("text").asString());
        }
      }
    }
    return off;
  }

  private static List<String> texts(JsonNode layout, String chart) {
    List<String> texts = new ArrayList<>();
    for (JsonNode c : layout.path("charts")) {
      if (c.path("id").asString().equals(chart)) {
        c.path("boxes").forEach(b -> texts.add(b.path("text").asString()));
      }
    }
    return texts;
  }

  private static JsonNode measure(Path page, int width, String css) throws IOException {
    assertThat(Files.isRegularFile(page)).isTrue();
    try (BrowserTab tab = BrowserTab.open(browser, page, width)) {
      if (!css.isEmpty()) {
        tab.addStyle(css);
      }
      return JSON.readTree(tab.evaluate(MEASURE));
    }
  }
}
