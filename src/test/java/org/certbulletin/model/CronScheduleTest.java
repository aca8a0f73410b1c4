package org.certbulletin.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Firings land at the configured local time on the configured local day, in every zone, all year.
 */
class CronScheduleTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Asia/Shanghai",
        "America/New_York",
        "Europe/London",
        "Australia/Sydney",
        "Australia/Lord_Howe",
        "Pacific/Kiritimati",
        "Pacific/Pago_Pago",
        "Asia/Kathmandu",
        "America/St_Johns",
        "Pacific/Chatham",
        "UTC"
      })
  void firesWednesdaysAtTenLocalTimeAcrossDaylightSavingChanges(String zoneName) {
    ZoneId zone = ZoneId.of(zoneName);
    CronSchedule schedule = new CronSchedule("0 0 10 ? * WED", zone);

    List<Instant> firings = schedule.next(Instant.parse("2025-01-01T00:00:00Z"), 104);

    assertThat(firings).hasSize(104);
    for (Instant firing : firings) {
      ZonedDateTime local = firing.atZone(zone);
      assertThat(local.getDayOfWeek()).as("%s in %s", firing, zone).isEqualTo(DayOfWeek.WEDNESDAY);
      assertThat(local.toLocalTime()).as("%s in %s", firing, zone).isEqualTo(LocalTime.of(10, 0));
    }
    for (int i = 1; i < firings.size(); i++) {
      assertThat(Duration.between(firings.get(i - 1), firings.get(i)).toHours())
          .isBetween(167L, 169L);
    }
  }

  @Test
  void findsThePreviousFiring() {
    CronSchedule schedule = new CronSchedule("0 0 10 ? * WED", ZoneId.of("Asia/Shanghai"));
    assertThat(schedule.previous(Instant.parse("2024-12-27T00:00:00Z")))
        .contains(Instant.parse("2024-12-25T02:00:00Z"));
  }

  @Test
  void findsThePreviousFiringOfAFrequentSchedule() {
    CronSchedule schedule = new CronSchedule("0/2 * * * * ?", ZoneId.of("UTC"));
    assertThat(schedule.previous(Instant.parse("2024-12-27T10:00:05.500Z")))
        .contains(Instant.parse("2024-12-27T10:00:04Z"));
  }

  @Test
  void rejectsAnInvalidExpressionWithAnExample() {
    assertThat(CronSchedule.problem("0 0 10 * * WED"))
        .get()
        .asString()
        .contains("0 0 10 * * WED")
        .contains("e.g. 0 0 10 ? * WED");
    assertThat(CronSchedule.problem("0 0 10 ? * WED")).as("control: a valid expression").isEmpty();
  }

  @Test
  void findsAFiringThatDaylightSavingWouldSkip() {
    CronSchedule lost = new CronSchedule("0 30 2 ? * SUN", ZoneId.of("America/New_York"));
    assertThat(lost.firstLostFiring(Instant.parse("2025-01-01T00:00:00Z")))
        .get()
        .satisfies(
            gap -> assertThat(gap.getDateTimeBefore().toLocalDate()).hasToString("2025-03-09"));
    CronSchedule kept = new CronSchedule("0 30 3 ? * SUN", ZoneId.of("America/New_York"));
    assertThat(kept.firstLostFiring(Instant.parse("2025-01-01T00:00:00Z")))
        .as("control: an hour later")
        .isEmpty();
  }

  @Test
  void findsALostFiringYearsAwayNotOnlyInTheNextTwoYears() {
    CronSchedule ninthOfMarch = new CronSchedule("0 30 2 9 3 ?", ZoneId.of("America/New_York"));
    assertThat(ninthOfMarch.firstLostFiring(Instant.parse("2026-01-01T00:00:00Z")))
        .get()
        .satisfies(
            gap -> assertThat(gap.getDateTimeBefore().toLocalDate()).hasToString("2031-03-09"));
    CronSchedule tenthOfMarch = new CronSchedule("0 30 2 10 3 ?", ZoneId.of("Asia/Shanghai"));
    assertThat(tenthOfMarch.firstLostFiring(Instant.parse("2025-01-01T00:00:00Z")))
        .as("control: a zone without daylight saving")
        .isEmpty();
  }

  @Test
  void anHourlyScheduleLosesNoWeekInADaylightSavingGap() {
    CronSchedule hourly = new CronSchedule("0 30 * * * ?", ZoneId.of("America/New_York"));
    assertThat(hourly.firstLostFiring(Instant.parse("2025-01-01T00:00:00Z"))).isEmpty();
    CronSchedule weekly = new CronSchedule("0 30 2 ? * SUN", ZoneId.of("America/New_York"));
    assertThat(weekly.firstLostFiring(Instant.parse("2025-01-01T00:00:00Z")))
        .as("control: the same time once a week")
        .isPresent();
  }

  @Test
  void knowsAScheduleThatNeverFiresAgain() {
    Instant now = Instant.parse("2026-11-23T00:00:00Z");
    assertThat(new CronSchedule("0 0 10 30 2 ?", ZoneId.of("UTC")).endsBefore(now))
        .as("30 February")
        .isTrue();
    assertThat(new CronSchedule("0 0 10 ? * WED 2020", ZoneId.of("UTC")).endsBefore(now))
        .as("a past year")
        .isTrue();
    assertThat(new CronSchedule("0 0 10 ? * WED", ZoneId.of("UTC")).endsBefore(now))
        .as("control: weekly")
        .isFalse();
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "0 0 10 ? * WED        | every Wednesday at 10:00 in Asia/Shanghai",
        "0 30 9 ? * mon,THU    | every Monday and Thursday at 09:30 in Asia/Shanghai",
        "0 0 10 ? * 2,4,6      | every Monday, Wednesday and Friday at 10:00 in Asia/Shanghai",
        "15 0 6 * * ?          | every day at 06:00:15 in Asia/Shanghai",
        "0 0 10 ? * WED *      | every Wednesday at 10:00 in Asia/Shanghai",
        "0 0 10 ? * MON-FRI    | on cron '0 0 10 ? * MON-FRI' in Asia/Shanghai",
        "0 0 10 1 * ?          | on cron '0 0 10 1 * ?' in Asia/Shanghai",
        "0 0 10 ? 1-6 WED      | on cron '0 0 10 ? 1-6 WED' in Asia/Shanghai",
        "0 0 10 ? * WED 2030   | on cron '0 0 10 ? * WED 2030' in Asia/Shanghai",
        "0 0/30 10 ? * WED     | on cron '0 0/30 10 ? * WED' in Asia/Shanghai",
        "0 0 10 ? * WED#2      | on cron '0 0 10 ? * WED#2' in Asia/Shanghai"
      })
  void saysTheScheduleInWordsWhenItIsWeeklyOrDailyAndOtherwiseGivesTheCron(
      String cron, String words) {
    assertThat(new CronSchedule(cron.strip(), ZoneId.of("Asia/Shanghai")).inWords())
        .isEqualTo(words);
  }
}
