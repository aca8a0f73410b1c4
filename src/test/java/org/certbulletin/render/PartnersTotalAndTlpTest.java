package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.testing.SampleWorkspace;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The partners table ends with the cases added up, in the edition's words; the web page carries its
 * TLP label at the top (the masthead) and at the foot, as TLP 2.0 asks.
 */
class PartnersTotalAndTlpTest {

  @TempDir Path root;

  @Test
  void thePartnersTableEndsWithTheirCasesAddedUp() throws IOException {
    SampleWorkspace sample = SampleWorkspace.copyAsShipped(root);
    Path folder = build(sample, "2024-W51");

    for (String file : new String[] {"bulletin.html", "bulletin.zh-CN.html"}) {
      Elements rows = page(folder, file).select("table.partners tbody tr");
      Element total = rows.last();
      long sum =
          rows.stream()
              .filter(r -> !r.hasClass("total"))
              .mapToLong(r -> Long.parseLong(r.select("td.num").text()))
              .sum();
      assertThat(total.hasClass("total")).as(file).isTrue();
      assertThat(total.select("th[scope=row]").text())
          .as(file)
          .isEqualTo(file.contains("zh") ? "\u5408\u8ba1" : "Total");
      assertThat(total.select("td.num").text()).as(file).isEqualTo(String.valueOf(sum));
      assertThat(sum).isEqualTo(146);
    }
  }

  @Test
  void aSinglePartnerHasNoTotalRow() throws IOException {
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    sample.editWeek(
        "2024-W51",
        json ->
            json.replaceFirst(
                "(?s)\"partners\": \\[.*?\\],\\s*\"notes\"",
                "\"partners\": [{\"type\": \"telecom_operator\", \"name\": \"Sample Telecom\","
                    + " \"cases\": 41}],\n  \"notes\""));

    Document page = page(build(sample, "2024-W51"), "bulletin.html");

    assertThat(page.select("table.partners tbody tr")).hasSize(1);
    assertThat(page.select("table.partners tr.total")).isEmpty();
  }

  @Test
  void theWebPageHasItsTlpLabelAtTheTopAndAtTheFoot() throws IOException {
    SampleWorkspace sample = SampleWorkspace.copyAsShipped(root);
    Path folder = build(sample, "2024-W51");

    for (String file : new String[] {"bulletin.html", "bulletin.zh-CN.html"}) {
      Document page = page(folder, file);
      assertThat(page.select("body > header .masthead .tlp-badge").text())
          .as(file)
          .isEqualTo("TLP:CLEAR");
      Element foot = page.body().children().last();
      assertThat(foot.tagName()).as(file).isEqualTo("footer");
      assertThat(foot.select(".tlp-badge").text()).as(file).isEqualTo("TLP:CLEAR");
      assertThat(foot.text()).as(file).contains(page.select(".masthead .tlp-badge").attr("title"));
    }
  }

  private static Path build(SampleWorkspace sample, String week) {
    return new BulletinService(sample.workspace())
        .build(WeekId.parse(week), EnumSet.of(Format.HTML))
        .folder();
  }

  private static Document page(Path folder, String file) throws IOException {
    return Jsoup.parse(folder.resolve(file).toFile());
  }
}
