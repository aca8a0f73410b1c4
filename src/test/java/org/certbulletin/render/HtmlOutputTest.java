package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.testing.HtmlValidation;
import org.certbulletin.testing.SampleWorkspace;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parses the sample bulletin's web page with jsoup and checks it with the Nu HTML Checker. */
class HtmlOutputTest {

  @TempDir static Path root;

  static byte[] html;
  static Document page;

  @BeforeAll
  static void build() throws IOException {
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    new BulletinService(sample.workspace())
        .build(WeekId.parse("2024-W51"), EnumSet.of(Format.HTML));
    html = Files.readAllBytes(sample.out().resolve("site/2024/W51/bulletin.html"));
    page = Jsoup.parse(new String(html, java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void showsHeadlineFiguresWithChangesAgainstThePreviousWeek() {
    assertFigure("incidents", "146", "+5.8%", "up 5.8% from 138");
    assertFigure("cross_border_incidents", "92", "+5.7%", "up 5.7% from 87");
    assertFigure("data_breaches", "2,950", "\u22125.6%", "down 5.6% from 3,126");
    assertThat(page.select(".figure-incidents .change").first().classNames()).contains("change-up");
    assertThat(page.select(".figure-data_breaches .change").first().classNames())
        .contains("change-down");
  }

  @Test
  void listsEveryAdvisoryWithLinkedCves() {
    assertThat(page.select("table.advisories tbody tr")).hasSize(4);
    for (String id :
        new String[] {"SNC-2024-0511", "SNC-2024-0512", "SNC-2024-0513", "SNC-2024-0514"}) {
      assertThat(page.getElementById("adv-" + id)).as(id).isNotNull();
    }
    assertThat(page.select("tr#adv-SNC-2024-0514 .col-product").text()).contains("Apache NimBLE");
    assertThat(page.select("a[href=https://www.cve.org/CVERecord?id=CVE-2024-47249]")).hasSize(1);
    assertThat(page.select("table.advisories tbody tr").first().id())
        .as("critical first")
        .isEqualTo("adv-SNC-2024-0512");
  }

  @Test
  void referencesNoExternalResource() {
    assertThat(page.select("link, script, iframe, object, embed, base")).isEmpty();
    for (Element element : page.select("[src]")) {
      assertThat(element.attr("src")).as(element.outerHtml()).startsWith("data:");
    }
    for (Element style : page.select("style")) {
      assertThat(style.data())
          .doesNotContain("@import")
          .doesNotContainPattern("url\\(\\s*['\"]?(https?:|//)");
    }
    assertThat(page.select("[style]").eachAttr("style")).noneMatch(s -> s.contains("url("));
  }

  @Test
  void isAccessibleMarkup() {
    assertThat(page.select("html").attr("lang")).isEqualTo("en");
    assertThat(page.select("table thead th")).allMatch(th -> th.attr("scope").equals("col"));
    assertThat(page.select("table tbody th")).allMatch(th -> th.attr("scope").equals("row"));
    assertThat(page.select("svg"))
        .allMatch(svg -> svg.attr("role").equals("img") && !svg.select("title").isEmpty());
    assertThat(page.select("h1")).hasSize(1);
    assertThat(page.select(".tlp-badge").first().text()).isEqualTo("TLP:CLEAR");
  }

  @Test
  void hasNoErrorsForTheNuHtmlChecker() {
    assertThat(HtmlValidation.errors(html)).isEmpty();
  }

  private static void assertFigure(String key, String value, String percent, String text) {
    Element figure = page.selectFirst(".figure-" + key);
    assertThat(figure).as(key).isNotNull();
    assertThat(figure.selectFirst(".figure-value").text()).isEqualTo(value);
    assertThat(figure.selectFirst(".percent").text()).isEqualTo(percent);
    assertThat(figure.selectFirst(".change").attr("title")).isEqualTo(text);
  }
}
