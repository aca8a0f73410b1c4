package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.model.WeekId;
import org.junit.jupiter.api.Test;

/** A new week's publication time is the firing at which the daemon publishes that week. */
class WeekStartTest {

  private static ScheduleSettings schedule(String cron, String zone) {
    return new ScheduleSettings(cron, ZoneId.of(zone), null, null, null, null, null);
  }

  @Test
  void theSampleWeekPublishesOnTheWednesdayAfterIt() {
    assertThat(
            WeekStart.publication(
                WeekId.parse("2024-W51"), schedule("0 0 10 ? * WED", "Asia/Shanghai")))
        .contains(OffsetDateTime.parse("2024-12-25T10:00:00+08:00"));
  }

  @Test
  void everyWeekIsPublishedByTheFiringItIsGiven() {
    List<ScheduleSettings> schedules =
        List.of(
            schedule("0 0 10 ? * WED", "Asia/Shanghai"),
            schedule("0 30 2 ? * MON", "America/New_York"),
            schedule("0 0 0 * * ?", "Pacific/Kiritimati"),
            schedule("0 59 23 ? * SUN", "Pacific/Pago_Pago"),
            schedule("0 15 9 ? * TUE,FRI", "Asia/Kathmandu"),
            schedule("0 0 10 ? * WED", "Europe/London"));
    for (ScheduleSettings settings : schedules) {
      for (WeekId week = WeekId.parse("2024-W01");
          week.compareTo(WeekId.parse("2026-W53")) <= 0;
          week = week.next()) {
        Optional<OffsetDateTime> published = WeekStart.publication(week, settings);
        assertThat(published).as("%s %s", settings.firings(), week).isPresent();
        assertThat(DueWeek.at(published.get().toInstant(), settings.zone()))
            .as("%s %s published %s", settings.firings(), week, published.get())
            .isEqualTo(week);
        assertThat(published.get().getOffset())
            .isEqualTo(settings.zone().getRules().getOffset(published.get().toInstant()));
      }
    }
  }

  @Test
  void takesTheFirstFiringOfTheWeekAfter() {
    assertThat(
            WeekStart.publication(
                WeekId.parse("2024-W51"), schedule("0 0 10 ? * TUE,FRI", "Asia/Shanghai")))
        .contains(OffsetDateTime.parse("2024-12-24T10:00:00+08:00"));
  }

  @Test
  void followsDaylightSavingTime() {
    assertThat(
            WeekStart.publication(
                WeekId.parse("2025-W11"), schedule("0 0 10 ? * WED", "America/New_York")))
        .contains(OffsetDateTime.parse("2025-03-19T10:00:00-04:00"));
    assertThat(
            WeekStart.publication(
                WeekId.parse("2025-W09"), schedule("0 0 10 ? * WED", "America/New_York")))
        .contains(OffsetDateTime.parse("2025-03-05T10:00:00-05:00"));
  }

  @Test
  void aScheduleThatDoesNotFireInTheWeekAfterGivesNoTime() {
    assertThat(
            WeekStart.publication(
                WeekId.parse("2024-W51"), schedule("0 0 10 1 1 ?", "Asia/Shanghai")))
        .isEmpty();
    assertThat(
            WeekStart.publication(
                WeekId.parse("2024-W52"), schedule("0 0 10 1 1 ?", "Asia/Shanghai")))
        .as("control: 1 January 2025 is in the week after 2024-W52")
        .contains(OffsetDateTime.parse("2025-01-01T10:00:00+08:00"));
  }
}
