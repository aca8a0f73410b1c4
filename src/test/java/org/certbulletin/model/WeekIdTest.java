package org.certbulletin.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WeekIdTest {

  @Test
  void parsesAndPrintsIsoWeeks() {
    WeekId week = WeekId.parse("2024-W51");
    assertThat(week.year()).isEqualTo(2024);
    assertThat(week.week()).isEqualTo(51);
    assertThat(week).hasToString("2024-W51");
    assertThat(week.shortLabel()).isEqualTo("W51");
  }

  @Test
  void runsMondayToSunday() {
    WeekId week = WeekId.parse("2024-W51");
    assertThat(week.start()).isEqualTo(LocalDate.of(2024, 12, 16));
    assertThat(week.end()).isEqualTo(LocalDate.of(2024, 12, 22));
    assertThat(WeekId.parse("2018-W06").start()).isEqualTo(LocalDate.of(2018, 2, 5));
  }

  @Test
  void stepsAcrossYearBoundaries() {
    assertThat(WeekId.parse("2025-W01").previous()).isEqualTo(WeekId.parse("2024-W52"));
    assertThat(WeekId.parse("2020-W53").next()).isEqualTo(WeekId.parse("2021-W01"));
    assertThat(WeekId.of(LocalDate.of(2024, 12, 30))).isEqualTo(WeekId.parse("2025-W01"));
  }

  @Test
  void knowsWhichYearsHaveFiftyThreeWeeks() {
    assertThat(WeekId.parse("2020-W53").end()).isEqualTo(LocalDate.of(2021, 1, 3));
    assertThatThrownBy(() -> WeekId.parse("2024-W53"))
        .hasMessage("week 53 does not exist in 2024 (it has 52 ISO weeks)");
  }

  @Test
  void rejectsAnythingThatIsNotAWeek() {
    for (String text :
        new String[] {
          "../../etc", "2024-w51", "2024W51", " 2024-W51", "2024-W5", "2024-W00", "2024-W51/.."
        }) {
      assertThatThrownBy(() -> WeekId.parse(text))
          .as(text)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void ordersChronologically() {
    assertThat(WeekId.parse("2024-W52")).isLessThan(WeekId.parse("2025-W01"));
    assertThat(WeekId.parse("2024-W09")).isLessThan(WeekId.parse("2024-W10"));
  }
}
