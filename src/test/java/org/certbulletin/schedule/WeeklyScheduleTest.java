package org.certbulletin.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.model.WeekId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Firings land at the configured local time on the configured local day, in every zone, all year. */
class WeeklyScheduleTest {

  @ParameterizedTest
  @ValueSource(strings = {"Asia/Shanghai", "America/New_York", "Europe/London", "Australia/Sydney",
      "Australia/Lord_Howe", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kathmandu", "America/St_Johns",
      "Pacific/Chatham", "UTC"})
  void firesWednesdaysAtTenLocalTimeAcrossDaylightSavingChanges(String zoneName) {
    ZoneId zone = ZoneId.of(zoneName);
    WeeklySchedule schedule = new WeeklySchedule(settings("0 0 10 ? * WED", zone));

    List<Instant> firings = schedule.next(Instant.parse("2025-01-01T00:00:00Z"), 104);

    assertThat(firings).hasSize(104);
    for (Instant firing : firings) {
      ZonedDateTime local = firing.atZone(zone);
      assertThat(local.getDayOfWeek()).as("%s in %s", firing, zone).isEqualTo(DayOfWeek.WEDNESDAY);
      assertThat(local.toLocalTime()).as("%s in %s", firing, zone).isEqualTo(LocalTime.of(10, 0));
    }
    for (int i = 1; i < firings.size(); i++) {
      assertThat(Duration.between(firings.get(i - 1), firings.get(i)).toHours()).isBetween(167L, 169L);
    }
  }

  @Test
  void theDueWeekIsTheLatestWeekThatHasEndedInTheScheduleZone() {
    assertThat(DueWeek.at(Instant.parse("2024-12-25T02:00:00Z"), ZoneId.of("Asia/Shanghai")))
        .isEqualTo(WeekId.parse("2024-W51"));
    assertThat(DueWeek.at(Instant.parse("2024-12-22T20:00:00Z"), ZoneId.of("Asia/Shanghai")))
        .as("Monday 04:00 in Shanghai, still Sunday in UTC").isEqualTo(WeekId.parse("2024-W51"));
    assertThat(DueWeek.at(Instant.parse("2024-12-22T20:00:00Z"), ZoneId.of("UTC")))
        .as("Sunday 20:00 in UTC: week 51 has not ended").isEqualTo(WeekId.parse("2024-W50"));
  }

  @Test
  void findsThePreviousFiring() {
    WeeklySchedule schedule = new WeeklySchedule(settings("0 0 10 ? * WED", ZoneId.of("Asia/Shanghai")));
    assertThat(schedule.previous(Instant.parse("2024-12-27T00:00:00Z")))
        .contains(Instant.parse("2024-12-25T02:00:00Z"));
  }

  @Test
  void findsThePreviousFiringOfAFrequentSchedule() {
    WeeklySchedule schedule = new WeeklySchedule(settings("0/2 * * * * ?", ZoneId.of("UTC")));
    assertThat(schedule.previous(Instant.parse("2024-12-27T10:00:05.500Z")))
        .contains(Instant.parse("2024-12-27T10:00:04Z"));
  }

  static ScheduleSettings settings(String cron, ZoneId zone) {
    return new ScheduleSettings(cron, zone, true, Duration.ofHours(1), Duration.ofDays(2), Duration.ofHours(2),
        Duration.ofMinutes(2));
  }
}
