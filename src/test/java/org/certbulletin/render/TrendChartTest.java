package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.EnumSet;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The trend chart spans consecutive weeks: a week without data is a gap, never joined across. */
@ExtendWith(SampleWorkspaceExtension.class)
class TrendChartTest {

  @Test
  void aMissingWeekIsAGapInTheTrend(SampleWorkspace sample) throws Exception {
    Document full = trend(sample);
    assertThat(full.select("#chart-trend svg.chart-wide path").size())
        .as("control: one line per series")
        .isEqualTo(2);

    Files.delete(sample.weekFile("2024-W49"));
    Document gapped = trend(sample);

    assertThat(gapped.select("#chart-trend svg.chart-wide text").eachText()).contains("W49");
    for (String drawing : new String[] {"wide", "narrow"}) {
      assertThat(gapped.select("#chart-trend svg.chart-" + drawing + " path").size())
          .as("each series broken at W49 in the %s drawing", drawing)
          .isEqualTo(4);
      assertThat(gapped.select("#chart-trend svg.chart-" + drawing + " circle").size())
          .isEqualTo(2 * 7);
    }
  }

  @Test
  void aSingleWeekIsNotTheLastOneWeeks(SampleWorkspace sample) throws Exception {
    for (String week : new String[] {"44", "45", "46", "47", "48", "49", "50"}) {
      Files.delete(sample.weekFile("2024-W" + week));
    }
    assertThat(trend(sample).select("#chart-trend figcaption").text()).isEqualTo("This week");
  }

  private static Document trend(SampleWorkspace sample) throws Exception {
    var folder =
        new BulletinService(sample.workspace())
            .build(WeekId.parse("2024-W51"), EnumSet.of(Format.HTML))
            .folder();
    return Jsoup.parse(Files.readString(folder.resolve("bulletin.html")));
  }
}
