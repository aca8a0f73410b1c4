package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
    assertThat(chart.wide().series().get(0).paths()).hasSize(2);
    assertThat(chart.wide().series().get(0).points()).hasSize(3);
    assertThat(chart.wide().yTicks())
        .extracting(BulletinView.AxisTick::label)
        .containsExactly("0", "10", "20", "30", "40");
  }

  @Test
  void aPhoneWritesEveryOtherChineseWeekCountingBackFromThisOne() {
    List<String> weeks = List.of("第44周", "第45周", "第46周", "第47周", "第48周", "第49周", "第50周", "第51周");
    List<String> english = List.of("W44", "W45", "W46", "W47", "W48", "W49", "W50", "W51");
    var lines = List.of(new Charts.Line("a", "a", List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L)));
    Formats formats = new Formats(Messages.load(Path.of("templates"), Locale.ENGLISH));

    assertThat(Charts.lineDrawing(Charts.NARROW, english, lines, formats).xTicks())
        .as("control: short labels are all written")
        .extracting(BulletinView.AxisTick::label)
        .isEqualTo(english);
    var narrow = Charts.lineDrawing(Charts.NARROW, weeks, lines, formats);
    assertThat(narrow.xTicks())
        .extracting(BulletinView.AxisTick::label)
        .containsExactly("第45周", "第47周", "第49周", "第51周");
    assertThat(narrow.xTicks()).filteredOn(BulletinView.AxisTick::newest).hasSize(1);
    assertThat(narrow.xTicks().get(3).newest()).isTrue();
    assertThat(Charts.lineDrawing(Charts.WIDE, weeks, lines, formats).xTicks()).hasSize(8);
  }

  @Test
  void keepsThisWeeksLabelAndValuesInsideTheDrawing() {
    List<String> weeks = List.of("第50周", "第51周");
    var lines =
        List.of(
            new Charts.Line("hosts", "hosts", List.of(2_400_000L, 2_520_000L)),
            new Charts.Line("sites", "sites", List.of(2_390_000L, 2_510_000L)));
    Formats formats = new Formats(Messages.load(Path.of("templates"), Locale.ENGLISH));
    for (Charts.Layout layout : List.of(Charts.WIDE, Charts.NARROW)) {
      var drawing = Charts.lineDrawing(layout, weeks, lines, formats);
      var newest = drawing.xTicks().get(drawing.xTicks().size() - 1);
      assertThat(newest.label()).isEqualTo("第51周");
      double half = Charts.textWidth(newest.label(), layout.fontSize()) / 2;
      assertThat(Double.parseDouble(newest.x()) + half).isLessThanOrEqualTo(layout.width());
      for (var series : drawing.series()) {
        var value = series.latest();
        assertThat(
                Double.parseDouble(value.x())
                    + Charts.textWidth(value.label(), layout.fontSize()) * Charts.BOLD)
            .as("%s in the %s drawing", value.label(), layout.variant())
            .isLessThanOrEqualTo(layout.width());
      }
      double first = Double.parseDouble(drawing.series().get(0).latest().y());
      double second = Double.parseDouble(drawing.series().get(1).latest().y());
      assertThat(Math.abs(first - second))
          .as("the two values, 10,000 apart in 2.5 million, are not written over each other")
          .isGreaterThanOrEqualTo(layout.fontSize());
    }
  }

  @Test
  void writesEachBarsValueWithinTheDrawingAndAPhonesLabelsAboveTheBars() {
    var bars =
        List.of(
            new Charts.Bar("Vulnerability exploitation", 2_520_000, "2,520,000", "vulnerability"),
            new Charts.Bar("DDoS", 6, "6", "ddos"));
    for (Charts.Layout layout : List.of(Charts.WIDE, Charts.NARROW)) {
      var drawing = Charts.barDrawing(layout, bars);
      for (var bar : drawing.bars()) {
        assertThat(
                Double.parseDouble(bar.valueX())
                    + Charts.textWidth(bar.value(), layout.fontSize()) * Charts.BOLD)
            .as("%s in the %s drawing", bar.value(), layout.variant())
            .isLessThanOrEqualTo(layout.width());
      }
    }
    var narrow = Charts.barDrawing(Charts.NARROW, bars);
    assertThat(narrow.labelsAbove()).isTrue();
    assertThat(Double.parseDouble(narrow.bars().get(0).labelY()))
        .isLessThan(Double.parseDouble(narrow.bars().get(0).y()));
    assertThat(narrow.bars().get(0).x()).isEqualTo("0.0");
  }
}
