package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.model.WeekId;
import org.junit.jupiter.api.Test;

/** Which week a firing publishes. */
class DueWeekTest {

  @Test
  void theDueWeekIsTheLatestWeekThatHasEndedInTheScheduleZone() {
    assertThat(DueWeek.at(Instant.parse("2024-12-25T02:00:00Z"), ZoneId.of("Asia/Shanghai")))
        .isEqualTo(WeekId.parse("2024-W51"));
    assertThat(DueWeek.at(Instant.parse("2024-12-22T20:00:00Z"), ZoneId.of("Asia/Shanghai")))
        .as("Monday 04:00 in Shanghai, still Sunday in UTC")
        .isEqualTo(WeekId.parse("2024-W51"));
    assertThat(DueWeek.at(Instant.parse("2024-12-22T20:00:00Z"), ZoneId.of("UTC")))
        .as("Sunday 20:00 in UTC: week 51 has not ended")
        .isEqualTo(WeekId.parse("2024-W50"));
  }

  @Test
  void aRunByHandForAWeekStandsForTheFiringThatPublishesIt() {
    ScheduleSettings weekly = schedule("0 0 10 ? * WED");
    Instant now = Instant.parse("2026-12-06T00:00:00Z");

    Instant firing = DueWeek.firingFor(WeekId.parse("2024-W51"), weekly, now);

    assertThat(firing).isEqualTo(Instant.parse("2024-12-25T02:00:00Z"));
    assertThat(DueWeek.at(firing, weekly.zone())).isEqualTo(WeekId.parse("2024-W51"));
  }

  @Test
  void aScheduleThatDoesNotFireInTheWeekAfterStandsAtThatWeeksStart() {
    ScheduleSettings monthly =
        schedule("0 0 10 1 * ?"); // the 1st of each month: none in 2024-W50 (9-15 December)
    Instant firing =
        DueWeek.firingFor(WeekId.parse("2024-W49"), monthly, Instant.parse("2026-12-06T00:00:00Z"));

    assertThat(firing)
        .as("Monday 9 December 00:00 in Shanghai")
        .isEqualTo(Instant.parse("2024-12-08T16:00:00Z"));
    assertThat(DueWeek.at(firing, monthly.zone())).isEqualTo(WeekId.parse("2024-W49"));
  }

  @Test
  void aWeekThatHasNotEndedHasNoFiring() {
    assertThatThrownBy(
            () ->
                DueWeek.firingFor(
                    WeekId.parse("2024-W51"),
                    schedule("0 0 10 ? * WED"),
                    Instant.parse("2024-12-22T15:59:59Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2024-W51 has not ended yet");
    assertThat(
            DueWeek.firingFor(
                WeekId.parse("2024-W51"),
                schedule("0 0 10 ? * WED"),
                Instant.parse("2024-12-22T16:00:00Z")))
        .as("Monday 00:00 in Shanghai: it has ended")
        .isEqualTo(Instant.parse("2024-12-25T02:00:00Z"));
  }

  private static ScheduleSettings schedule(String cron) {
    return new ScheduleSettings(cron, ZoneId.of("Asia/Shanghai"), null, null, null, null, null);
  }
}
