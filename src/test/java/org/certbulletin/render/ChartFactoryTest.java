package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.certbulletin.model.Tally;
import org.certbulletin.model.TallyCatalogue;
import org.certbulletin.model.TallyDefinition;
import org.certbulletin.model.WeekId;
import org.certbulletin.render.BulletinView.BarView;
import org.certbulletin.render.BulletinView.ChartView;
import org.junit.jupiter.api.Test;

/** The charts of a bulletin: their week labels, their order, and a chart with nothing to draw. */
class ChartFactoryTest {

  private static final Locale CHINESE = Locale.forLanguageTag("zh-CN");
  private static final TallyDefinition INCIDENTS =
      TallyCatalogue.builtIn().find(TallyCatalogue.INCIDENTS).orElseThrow();

  @Test
  void labelsWeeksInTheEditionsLanguage() {
    assertThat(factory(Locale.ENGLISH).weekLabel(WeekId.parse("2024-W51"))).isEqualTo("W51");
    assertThat(factory(Locale.ENGLISH).weekLabel(WeekId.parse("2025-W01"))).isEqualTo("W01");
    assertThat(factory(CHINESE).weekLabel(WeekId.parse("2024-W51"))).isEqualTo("第51周");
    assertThat(factory(CHINESE).weekLabel(WeekId.parse("2025-W01"))).isEqualTo("第1周");
  }

  @Test
  void drawsABreakdownInOneOrderInItsBarsItsTableAndItsTextAlternative() {
    ChartFactory english = factory(Locale.ENGLISH);
    Tally tally =
        new Tally(40, Map.of("other", 10L, "ddos", 10L, "phishing", 12L, "malware", 8L), Map.of());
    ChartView chart =
        english.bars(
            "types",
            english.breakdownBars(INCIDENTS, tally),
            "chart.table.type",
            "chart.table.incidents");

    List<String> order = List.of("Phishing", "DDoS", "Other", "Malware");
    assertThat(chart.wide().bars()).extracting(BarView::label).isEqualTo(order);
    assertThat(chart.narrow().bars()).extracting(BarView::label).isEqualTo(order);
    assertThat(chart.table().rows()).extracting(row -> row.get(0)).isEqualTo(order);
    assertThat(chart.description())
        .isEqualTo(
            "Bar chart of this week's incidents by type: phishing 12, DDoS 10, other 10 and"
                + " malware 8.");
  }

  @Test
  void replacesAChartOfZerosByASentenceInTheEditionsLanguage() {
    List<Charts.Bar> zeros =
        List.of(
            new Charts.Bar("Critical", 0, "0", "critical"), new Charts.Bar("Low", 0, "0", "low"));
    List<Charts.Bar> one =
        List.of(
            new Charts.Bar("Critical", 0, "0", "critical"), new Charts.Bar("Low", 1, "1", "low"));

    assertThat(severity(Locale.ENGLISH, one).kind())
        .as("control: one bar is drawn")
        .isEqualTo("bar");
    ChartView english = severity(Locale.ENGLISH, zeros);
    assertThat(english.kind()).isEqualTo("none");
    assertThat(english.wide()).isNull();
    assertThat(english.none()).isEqualTo("This issue has no advisories.");
    assertThat(severity(CHINESE, zeros).none()).isEqualTo("本期无安全公告。");
  }

  private static ChartView severity(Locale locale, List<Charts.Bar> bars) {
    return factory(locale).bars("severity", bars, "chart.table.severity", "chart.table.advisories");
  }

  private static ChartFactory factory(Locale locale) {
    Messages messages = Messages.load(Path.of("templates"), locale);
    return new ChartFactory(messages, new Formats(messages), new TallyLabels(messages));
  }
}
