package org.certbulletin.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The issue of a later week: one number per week, a new volume with a new year. */
class IssueTest {

  private static final Issue W51 = new Issue(2024, 51, OptionalInt.of(1179));

  @Test
  void advancesNumberAndTotalByOneForTheNextWeek() {
    assertThat(W51.next(WeekId.parse("2024-W51"), WeekId.parse("2024-W52")))
        .isEqualTo(new Issue(2024, 52, OptionalInt.of(1180)));
  }

  @Test
  void advancesByEveryWeekOfAGap() {
    assertThat(W51.next(WeekId.parse("2024-W48"), WeekId.parse("2024-W51")))
        .isEqualTo(new Issue(2024, 54, OptionalInt.of(1182)));
  }

  @Test
  void aNewYearStartsAVolumeNamedForItAtNumberOne() {
    Issue w52 = new Issue(2024, 52, OptionalInt.of(1180));
    assertThat(w52.next(WeekId.parse("2024-W52"), WeekId.parse("2025-W01")))
        .isEqualTo(new Issue(2025, 1, OptionalInt.of(1181)));
  }

  @Test
  void aGapIntoANewYearCountsOnlyItsWeeksInTheNumber() {
    assertThat(W51.next(WeekId.parse("2024-W51"), WeekId.parse("2025-W02")))
        .isEqualTo(new Issue(2025, 2, OptionalInt.of(1182)));
  }

  @Test
  void aVolumeThatIsNotTheYearIsKept() {
    Issue volume7 = new Issue(7, 51, OptionalInt.empty());
    assertThat(volume7.next(WeekId.parse("2024-W52"), WeekId.parse("2025-W01")))
        .isEqualTo(new Issue(7, 52, OptionalInt.empty()));
  }

  @Test
  void refusesAnEarlierWeek() {
    assertThatThrownBy(() -> W51.next(WeekId.parse("2024-W51"), WeekId.parse("2024-W51")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not after");
  }
}
