package org.certbulletin.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
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
}
