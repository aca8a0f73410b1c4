package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The text alternative of a trend chart says how each line moved, in the edition's language. */
class ChartTextTest {

  private static final List<String> WEEKS = List.of("W44", "W45", "W46", "W47");

  private final ChartText english = text(Locale.ENGLISH);

  @Test
  void saysALineRoseFromItsFirstWeekToItsLast() {
    assertThat(english.trend(WEEKS, List.of(line("Incidents handled", 118L, 130L, 125L, 1146L))))
        .isEqualTo("incidents handled rose from 118 in W44 to 1,146 in W47");
  }

  @Test
  void saysALineFell() {
    assertThat(english.trend(WEEKS, List.of(line("Defaced websites", 226L, 240L, 200L, 219L))))
        .isEqualTo("defaced websites fell from 226 in W44 to 219 in W47");
  }

  @Test
  void saysAFlatLineStayedWhereItWas() {
    assertThat(english.trend(WEEKS, List.of(line("Backdoors", 5L, 5L, 5L, 5L))))
        .isEqualTo("backdoors stayed at 5 from W44 to W47")
        .doesNotContain("rose", "fell");
  }

  @Test
  void givesTheOneValueOfASingleWeek() {
    assertThat(english.trend(List.of("W51"), List.of(line("Incidents handled", 146L))))
        .isEqualTo("incidents handled was 146 in W51");
  }

  @Test
  void comparesTheFirstAndLastKnownWeeksAndNamesTheGaps() {
    assertThat(english.trend(WEEKS, List.of(line("Incidents handled", null, 100L, null, 90L))))
        .isEqualTo("incidents handled fell from 100 in W45 to 90 in W47 (no data for W44 and W46)");
  }

  @Test
  void saysWhenALineHasNoDataAtAll() {
    assertThat(english.trend(WEEKS, List.of(line("Phishing pages", null, null, null, null))))
        .isEqualTo("phishing pages has no data");
  }

  @Test
  void joinsTheLinesWithSemicolons() {
    assertThat(
            english.trend(
                List.of("W44", "W51"),
                List.of(line("Incidents handled", 118L, 146L), line("Cross-border", 71L, 92L))))
        .isEqualTo(
            "incidents handled rose from 118 in W44 to 146 in W51;"
                + " cross-border rose from 71 in W44 to 92 in W51");
  }

  @Test
  void writesChineseTheChineseWay() {
    ChartText chinese = text(Locale.forLanguageTag("zh-CN"));
    assertThat(
            chinese.trend(
                WEEKS,
                List.of(line("网络安全事件", 118L, null, 130L, 1146L), line("跨境事件", 71L, 71L, 71L, 71L))))
        .isEqualTo("网络安全事件从W44的118上升至W47的1,146（W45无数据）；跨境事件在W44至W47期间保持为71");
  }

  @Test
  void refusesALineWhoseValuesDoNotMatchTheWeeks() {
    assertThatThrownBy(() -> english.trend(WEEKS, List.of(line("Incidents", 1L))))
        .hasMessageContaining("'Incidents' has 1 values");
  }

  private static ChartText text(Locale locale) {
    Messages messages = Messages.load(Path.of("templates"), locale);
    return new ChartText(messages, new Formats(messages));
  }

  private static Charts.Line line(String name, Long... values) {
    return new Charts.Line(name, "slug", Arrays.asList(values));
  }
}
