package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {

  @Test
  void picksRoundAxisSteps() {
    assertThat(Charts.niceStep(0)).isEqualTo(1);
    assertThat(Charts.niceStep(146)).isEqualTo(50);
    assertThat(Charts.niceStep(2950)).isEqualTo(1000);
    assertThat(Charts.niceStep(2_520_000)).isEqualTo(1_000_000);
    assertThat(Charts.niceStep(90)).isEqualTo(25);
    assertThat(Charts.niceStep(9)).isEqualTo(5);
  }

  @Test
  void leavesAGapWhereAWeekHasNoFigure() {
    Messages messages = Messages.load(java.nio.file.Path.of("templates"), java.util.Locale.ENGLISH);
    var chart =
        Charts.line(
            "t",
            "title",
            "desc",
            List.of("W1", "W2", "W3", "W4"),
            List.of(new Charts.Line("incidents", "incidents", Arrays.asList(10L, null, 30L, 40L))),
            new Formats(messages),
            new BulletinView.DataTable(List.of(), List.of()));
    assertThat(chart.series().get(0).paths()).hasSize(2);
    assertThat(chart.series().get(0).points()).hasSize(3);
    assertThat(chart.yTicks())
        .extracting(BulletinView.AxisTick::label)
        .containsExactly("0", "10", "20", "30", "40");
  }
}
